import type { Page } from 'playwright-core';
import { validatedCall } from '../../../src-main/app/validated-call.ts';
import type { Logger } from '../../../src-main/core/logger.ts';
import {
  EVENT_CHANNELS,
  PRELOAD_GLOBAL,
  REQUEST_CHANNELS,
  methodName,
  type EventChannel,
  type RequestChannel,
} from '../../../src-shared/ipc/channels.ts';
import { events, requests, type Navigation } from '../../../src-shared/ipc/contract.ts';
import { fail } from '../../../src-shared/ipc/result.ts';
import type { AppHarness } from '../../support/app-harness.ts';

export interface BrowserProblems {
  readonly consoleErrors: string[];
  /** React's development build warns here (a missing key, an update after unmount…). */
  readonly consoleWarnings: string[];
  readonly cspViolations: string[];
  readonly pageErrors: string[];
}

/**
 * Gives a page what the preload gives the app's window: `window.cloudmeter` with one named
 * method per contract channel and `on()` for events, but implemented over the app harness
 * (the real core on fake provider servers). Each call runs validatedCall in this process,
 * exactly as the Electron IPC handler does; events are the harness services' own, validated
 * against the contract like the shell's emit(). Also records console errors and warnings,
 * uncaught page errors and CSP violations.
 */
export async function installTestBridge(page: Page, harness: AppHarness, log: Logger) {
  const problems: BrowserProblems = {
    consoleErrors: [],
    consoleWarnings: [],
    cspViolations: [],
    pageErrors: [],
  };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
    if (message.type() === 'warning') problems.consoleWarnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));

  await page.exposeFunction('__cloudmeterInvoke', async (channel: string, args: unknown[]) => {
    if (!(REQUEST_CHANNELS as readonly string[]).includes(channel))
      return fail('bad-request', `unknown channel ${channel}`);
    const name = channel as RequestChannel;
    return validatedCall(requests[name], name, args, harness.handlers[name], log);
  });
  await page.exposeFunction('__cloudmeterCspViolation', (violation: string) => {
    problems.cspViolations.push(violation);
  });
  await page.addInitScript(
    ({ methods, eventNames, global }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const host = window as unknown as Record<string, unknown> & {
        __cloudmeterInvoke(channel: string, args: unknown[]): Promise<unknown>;
        __cloudmeterCspViolation(violation: string): void;
      };
      const api: Record<string, unknown> = {};
      for (const [method, channel] of methods) {
        api[method] = (...args: unknown[]) => host.__cloudmeterInvoke(channel, args);
      }
      api.on = (event: string, listener: Listener) => {
        if (!eventNames.includes(event)) throw new Error(`unknown event "${event}"`);
        const set = listeners.get(event) ?? new Set<Listener>();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      };
      Object.defineProperty(window, '__cloudmeterEmit', {
        value: (event: string, payload: unknown) => {
          for (const listener of listeners.get(event) ?? []) listener(payload);
        },
      });
      host[global] = Object.freeze(api);
      document.addEventListener('securitypolicyviolation', (e) =>
        host.__cloudmeterCspViolation(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    },
    {
      methods: REQUEST_CHANNELS.map((channel) => [methodName(channel), channel] as const),
      eventNames: [...EVENT_CHANNELS] as string[],
      global: PRELOAD_GLOBAL,
    },
  );

  const push = (event: EventChannel, payload: unknown) => {
    const checked = events[event].parse(payload);
    page
      .evaluate(
        ([name, value]) =>
          (window as unknown as { __cloudmeterEmit(e: string, p: unknown): void }).__cloudmeterEmit(
            name,
            value,
          ),
        [event, checked] as const,
      )
      .catch(() => undefined); // the page may be navigating or closed
  };
  const subscriptions = [
    harness.services.usage.onDidChange((state) => push('usage:changed', state)),
    harness.services.config.onDidChange((config) => push('config:changed', config)),
  ];
  return {
    problems,
    navigate: (navigation: Navigation) => push('app:navigate', navigation),
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}
