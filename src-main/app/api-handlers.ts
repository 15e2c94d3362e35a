import { basename } from 'node:path';
import type { Account } from '../../src-shared/domain/account.ts';
import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import type { RequestChannel } from '../../src-shared/ipc/channels.ts';
import type { AccountDraft, ConnectionTest, Requests } from '../../src-shared/ipc/contract.ts';
import type { ParsedArgsOf, ResultOf } from '../../src-shared/ipc/define.ts';
import { IpcRequestError } from '../../src-shared/ipc/result.ts';
import { effectiveAccounts } from '../core/accounts.ts';
import { validateConfig } from '../core/config-validation.ts';
import type { Clock } from '../core/clock.ts';
import {
  secretFields,
  type CredentialCheckOutcome,
  type Credentials,
} from '../core/credentials.ts';
import { exportChunks } from '../core/export.ts';
import type { HistoryStore } from '../core/history-store.ts';
import { historyPeriods, primaryPeriodRule } from '../core/history-periods.ts';
import type { HttpClient } from '../core/http.ts';
import type { Logger } from '../core/logger.ts';
import { snapshotFromStore } from '../core/polling/snapshot-from-store.ts';
import type { UsageService } from '../core/polling/usage-service.ts';
import { periodAt } from '../core/quota/period.ts';
import { fetchContext, resolveCredentials, asProviderError } from '../core/read-account.ts';
import type { Redactor } from '../core/redact.ts';
import type { SecretStore } from '../core/secrets.ts';
import { writeChunks } from '../platform/files/export-file.ts';
import type { ProviderRegistry } from '../providers/index.ts';
import type { ProviderAdapter } from '../providers/provider.ts';
import type { ConfigStore } from './config-store.ts';
import { enterSecretsMessage, mayUseStoredSecrets } from './draft-secrets.ts';
import { windowError } from './window-errors.ts';

export interface AppServices {
  /** Every change is passed on to `usage` by whoever wires the services (createApp). */
  readonly config: ConfigStore;
  readonly usage: UsageService;
  readonly store: HistoryStore;
  readonly providers: ProviderRegistry;
  readonly credentials: Credentials;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly log: Logger;
  readonly appInfo: {
    readonly version: string;
    readonly platform: string;
    readonly locales: readonly string[];
  };
  /** Where to save an export (the save dialog in the app); null when the user cancels. */
  readonly chooseExportFile: (suggestedName: string) => Promise<string | null>;
  /** Opens a provider's console; only descriptor URLs reach it. */
  readonly openExternal: (url: string) => Promise<boolean>;
}

/** One function per contract channel, taking the parsed arguments and returning the reply. */
export type ApiHandlers = {
  readonly [C in RequestChannel]: (
    ...args: ParsedArgsOf<Requests, C>
  ) => Promise<ResultOf<Requests, C>>;
};

type Implementations = {
  readonly [C in RequestChannel]: (
    ...args: ParsedArgsOf<Requests, C>
  ) => ResultOf<Requests, C> | Promise<ResultOf<Requests, C>>;
};

/**
 * Every handler answers with a promise, even when its work throws before the first await, and
 * throws only what the window may see (windowError).
 */
function asynchronous(
  implementations: Implementations,
  redactor: Pick<Redactor, 'redact'>,
): ApiHandlers {
  const wrap =
    <F extends (...args: never[]) => unknown>(f: F) =>
    (...args: Parameters<F>) =>
      new Promise((resolve) => resolve(f(...args))).catch((error: unknown) => {
        throw windowError(error, redactor);
      });
  return Object.fromEntries(
    Object.entries(implementations).map(([channel, f]) => [channel, wrap(f)]),
  ) as unknown as ApiHandlers;
}

/** Longest range of raw samples one request returns (two years of hourly points and more). */
const MAX_SERIES_MS = 3 * 366 * 86_400_000;

function toConnectionTest(outcome: CredentialCheckOutcome): ConnectionTest {
  switch (outcome.state) {
    case 'ok':
      return { ok: true, identity: outcome.identity };
    case 'failed':
      return { ok: false, kind: outcome.kind, message: outcome.message };
    case 'skipped':
      return { ok: false, kind: 'incomplete', message: `missing: ${outcome.missing.join(', ')}` };
  }
}

/**
 * The window's requests, implemented on the app's services: the same functions serve the
 * Electron IPC handlers and the renderer's end-to-end tests (through a test bridge), so what
 * the page shows is what the core computes. Secrets go in (drafts), never out.
 */
export function createApiHandlers(app: AppServices): ApiHandlers {
  const adapterOf = (provider: ProviderId): ProviderAdapter => {
    const adapter = app.providers.adapterFor(provider);
    if (!adapter) throw new IpcRequestError('not-found', `provider "${provider}" is not available`);
    return adapter;
  };
  const accountOf = (id: string): Account => {
    const account = effectiveAccounts(app.config.current).find((a) => a.id === id);
    if (!account) throw new IpcRequestError('not-found', `no account "${id}"`);
    return account;
  };
  /** Whether the keychain may fill in a draft's secrets (see draft-secrets.ts). */
  const storedSecretsUsable = (draft: Account, adapter: ProviderAdapter) =>
    mayUseStoredSecrets(
      app.config.current.accounts.find((a) => a.id === draft.id),
      draft,
      adapter.descriptor,
    );
  /** A fetch context for a draft: typed-in secrets first, then what the keychain may add. */
  const draftContext = async (draft: AccountDraft, adapter: ProviderAdapter) => {
    const useStored = storedSecretsUsable(draft.account, adapter);
    const { credentials, missing } = await app.credentials.resolve(
      draft.account,
      adapter,
      draft.secrets,
      { useStored },
    );
    const secretKeys = new Set(secretFields(adapter.descriptor).map((f) => f.key));
    const secretsMissing = missing.filter((key) => secretKeys.has(key));
    if (!useStored && secretsMissing.length > 0)
      throw new IpcRequestError(
        'bad-request',
        enterSecretsMessage(draft.account.id, secretsMissing),
      );
    return fetchContext(app, adapter, draft.account, credentials, AbortSignal.timeout(60_000));
  };
  const saveAccounts = (accounts: (current: readonly Account[]) => Account[]) =>
    app.config.update((config) => ({ ...config, accounts: accounts(config.accounts) }));

  const implementations: Implementations = {
    'app:info': () => ({
      ...app.appInfo,
      locales: [...app.appInfo.locales],
      configProblems: [...app.config.problems],
    }),
    'usage:get': () => app.usage.state(),
    'usage:refresh': async (accountId) => ({ deferred: [...(await app.usage.refresh(accountId))] }),
    'usage:periods': (accountId) => {
      const account = accountOf(accountId);
      const rule = primaryPeriodRule(account, adapterOf(account.provider).descriptor);
      return historyPeriods(app.store.sampleSpan(accountId), rule, app.clock.now());
    },
    'usage:period': ({ accountId, at }) => {
      const account = accountOf(accountId);
      const { descriptor } = adapterOf(account.provider);
      const now = app.clock.now();
      const period = periodAt(Math.min(at, now), primaryPeriodRule(account, descriptor));
      const current = app.usage.state().accounts.find((a) => a.accountId === accountId);
      const status = current?.status ?? { state: 'pending' as const };
      return snapshotFromStore(
        app.store,
        account,
        descriptor,
        status,
        app.config.current.alerts,
        Math.min(period.end - 1, now),
      );
    },
    'usage:series': ({ accountId, meterIds, from, to }) => {
      accountOf(accountId);
      if (to - from > MAX_SERIES_MS)
        throw new IpcRequestError(
          'bad-request',
          'usage:series: ask for at most three years at once',
        );
      const wanted = meterIds ? new Set(meterIds) : null;
      return {
        meters: app.store.meters(accountId).filter((m) => !wanted || wanted.has(m.id)),
        runs: app.store.sampleRuns({ accountId, from, to, ...(meterIds ? { meterIds } : {}) }),
      };
    },
    'usage:throughput': async (accountId, window) => {
      const account = accountOf(accountId);
      const adapter = adapterOf(account.provider);
      if (!adapter.fetchThroughput) return [];
      const { credentials } = await resolveCredentials(adapter, account, app.secrets);
      try {
        return await adapter.fetchThroughput(
          fetchContext(app, adapter, account, credentials, AbortSignal.timeout(60_000)),
          window,
        );
      } catch (error) {
        throw asProviderError(error, account);
      }
    },
    'providers:list': () => app.providers.adapters.map((a) => a.descriptor),
    'config:get': () => app.config.current,
    'accounts:discover': async (draft) => {
      const adapter = adapterOf(draft.account.provider);
      try {
        const found = await adapter.discover(await draftContext(draft, adapter));
        return Object.fromEntries(
          Object.entries(found).map(([key, choices]) => [key, [...choices]]),
        );
      } catch (error) {
        throw asProviderError(error, draft.account);
      }
    },
    'accounts:test': async (draft) => {
      const adapter = adapterOf(draft.account.provider);
      const useStored = storedSecretsUsable(draft.account, adapter);
      const outcome = await app.credentials.check(draft.account, adapter, draft.secrets, {
        useStored,
      });
      if (!useStored && outcome.state === 'skipped')
        return {
          ok: false,
          kind: 'incomplete',
          message: enterSecretsMessage(draft.account.id, outcome.missing),
        };
      return toConnectionTest(outcome);
    },
    'accounts:save': async (draft) => {
      const { account } = draft;
      const exists = app.config.current.accounts.some((a) => a.id === account.id);
      if (draft.isNew && exists)
        throw new IpcRequestError('conflict', `an account "${account.id}" already exists`);
      if (!draft.isNew && !exists)
        throw new IpcRequestError('not-found', `no account "${account.id}"`);
      const adapter = adapterOf(account.provider);
      const next = (accounts: readonly Account[]) =>
        exists ? accounts.map((a) => (a.id === account.id ? account : a)) : [...accounts, account];
      // Refuse an account the config would refuse before any secret is stored for it.
      const valid = validateConfig(
        { ...app.config.current, accounts: next(app.config.current.accounts) },
        app.providers.descriptorFor,
      );
      if (!valid.ok) throw new IpcRequestError('bad-request', valid.problems.join('\n'));
      const useStored = storedSecretsUsable(account, adapter);
      if (!useStored) {
        // Polls would send what is stored to the new address: it must be entered again.
        const { fields } = await app.credentials.status(account, adapter.descriptor);
        const leftBehind = fields
          .filter((f) => f.present && draft.secrets[f.key] === undefined)
          .map((f) => f.key);
        if (leftBehind.length > 0)
          throw new IpcRequestError('bad-request', enterSecretsMessage(account.id, leftBehind));
      }
      let test: ConnectionTest | null = null;
      if (Object.keys(draft.secrets).length > 0) {
        // Credentials are checked with the provider before anything is stored.
        const result = await app.credentials.set(account, adapter, draft.secrets, {
          check: true,
          useStored,
        });
        test = toConnectionTest(result.check);
        if (result.check.state === 'failed') return { config: app.config.current, test };
      }
      const config = await saveAccounts(next);
      void app.usage.refresh(account.id).catch(() => undefined);
      return { config, test };
    },
    'accounts:remove': async (accountId) => {
      if (!app.config.current.accounts.some((a) => a.id === accountId)) {
        throw new IpcRequestError('not-found', `no account "${accountId}"`);
      }
      await app.credentials.deleteAll(accountId);
      const config = await saveAccounts((accounts) => accounts.filter((a) => a.id !== accountId));
      app.store.deleteAccount(accountId);
      return config;
    },
    'secrets:status': async (accountId) => {
      const account = accountOf(accountId);
      const status = await app.credentials.status(account, adapterOf(account.provider).descriptor);
      return { accountId, fields: status.fields.map((f) => ({ ...f })) };
    },
    'secrets:delete': async (accountId, field) => {
      const account = accountOf(accountId);
      const descriptor = adapterOf(account.provider).descriptor;
      if (!descriptor.credentialFields.some((f) => f.secret && f.key === field)) {
        throw new IpcRequestError(
          'bad-request',
          `${descriptor.displayName} has no secret field "${field}"`,
        );
      }
      await app.credentials.delete(accountId, field);
      const status = await app.credentials.status(account, descriptor);
      return { accountId, fields: status.fields.map((f) => ({ ...f })) };
    },
    'settings:update': async (patch) => {
      const { quietHours, ...alerts } = patch.alerts ?? {};
      const config = await app.config.update((current) => {
        const merged = { ...current.alerts, ...alerts };
        if (quietHours === null) delete merged.quietHours;
        else if (quietHours !== undefined) merged.quietHours = quietHours;
        return {
          ...current,
          alerts: merged,
          preferences: { ...current.preferences, ...patch.preferences },
        };
      });
      return config;
    },
    'alerts:snooze': (accountId, until) => {
      accountOf(accountId);
      app.usage.snooze(accountId, until);
      return null;
    },
    'notifications:pause': (until) => {
      app.usage.pauseNotifications(until);
      return null;
    },
    'export:save': async (request) => {
      const day = new Date(app.clock.now()).toISOString().slice(0, 10);
      const file = await app.chooseExportFile(`cloudmeter-usage-${day}.${request.format}`);
      if (file === null) return { saved: false, fileName: null, rows: 0 };
      let rows = 0;
      const counted = (function* (source) {
        for (const row of source) {
          rows++;
          yield row;
        }
      })(app.store.exportSamples({ ...request }));
      await writeChunks(file, exportChunks(counted, request.format));
      return { saved: true, fileName: basename(file), rows };
    },
    'shell:openDashboard': (accountId) => {
      const url = app.providers.descriptorFor(accountOf(accountId).provider)?.dashboardUrl;
      return url ? app.openExternal(url) : false;
    },
  };
  return asynchronous(implementations, app.credentials);
}
