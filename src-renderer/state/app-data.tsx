import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Config } from '../../src-shared/domain/config.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import type { UsageState } from '../../src-shared/ipc/contract.ts';
import { asBridgeError, BridgeError, bridgeAvailable, request, subscribe } from '../bridge.ts';

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  readonly locales: readonly string[];
}

export interface AppData {
  readonly usage: UsageState;
  readonly config: Config;
  readonly providers: readonly ProviderDescriptor[];
  readonly info: AppInfo;
}

interface AppDataContextValue {
  readonly data: AppData;
  /** Takes a config a request returned (saves reply with the new config). */
  readonly setConfig: (config: Config) => void;
  readonly setUsage: (usage: UsageState) => void;
}

const AppDataContext = createContext<AppDataContextValue | null>(null);

export type LoadState =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: BridgeError }
  | { readonly state: 'ready'; readonly value: AppDataContextValue };

/**
 * Loads what every view shows (usage, config, providers, app info) once, then keeps it current
 * from main's `usage:changed` and `config:changed` events.
 */
export function useAppDataLoader(): LoadState {
  const [data, setData] = useState<AppData | null>(null);
  // Without the preload (a page opened outside the app) there is nothing to ask or listen to:
  // the window says so, instead of failing blank on the first subscription.
  const [error, setError] = useState<BridgeError | null>(() =>
    bridgeAvailable() ? null : new BridgeError('unavailable', ''),
  );

  useEffect(() => {
    if (!bridgeAvailable()) return;
    let live = true;
    const offUsage = subscribe('usage:changed', (usage) =>
      setData((d) => (d ? { ...d, usage } : d)),
    );
    const offConfig = subscribe('config:changed', (config) =>
      setData((d) => (d ? { ...d, config } : d)),
    );
    Promise.all([
      request('usage:get'),
      request('config:get'),
      request('providers:list'),
      request('app:info'),
    ]).then(
      ([usage, config, providers, info]) => {
        if (live) setData({ usage, config, providers, info });
      },
      (reason: unknown) => {
        if (live) setError(asBridgeError(reason));
      },
    );
    return () => {
      live = false;
      offUsage();
      offConfig();
    };
  }, []);

  const setConfig = useCallback((config: Config) => setData((d) => (d ? { ...d, config } : d)), []);
  const setUsage = useCallback(
    (usage: UsageState) => setData((d) => (d ? { ...d, usage } : d)),
    [],
  );
  if (error) return { state: 'failed', error };
  if (!data) return { state: 'loading' };
  return { state: 'ready', value: { data, setConfig, setUsage } };
}

export function AppDataProvider(props: {
  readonly value: AppDataContextValue;
  readonly children: ReactNode;
}) {
  return <AppDataContext value={props.value}>{props.children}</AppDataContext>;
}

export function useAppData(): AppDataContextValue {
  const value = useContext(AppDataContext);
  if (!value) throw new Error('useAppData outside AppDataProvider');
  return value;
}

/** The descriptor of a provider, for forms and labels (never to branch on a provider id). */
export function useDescriptor(provider: string | undefined): ProviderDescriptor | undefined {
  const { data } = useAppData();
  return data.providers.find((p) => p.id === provider);
}
