import type { WebContents } from 'electron';
import type { ApiHandlers } from '../../app/api-handlers.ts';
import type { ConfigStore } from '../../app/config-store.ts';
import { DisposableStore, type Disposable } from '../../core/lifecycle.ts';
import type { UsageService } from '../../core/polling/usage-service.ts';
import { REQUEST_CHANNELS, type RequestChannel } from '../../../src-shared/ipc/channels.ts';
import { events, requests } from '../../../src-shared/ipc/contract.ts';
import { emit, handle, type IpcGuard } from './ipc-main.ts';

/** Registers one handler per contract channel: one line each, all through handle(). */
export function registerHandlers(handlers: ApiHandlers, guard: IpcGuard): Disposable {
  const store = new DisposableStore();
  const register = <C extends RequestChannel>(channel: C) =>
    handle(requests, channel, handlers[channel], guard);
  for (const channel of REQUEST_CHANNELS) store.add(register(channel));
  return store;
}

/** Pushes usage and config changes to the window while it is open. */
export function forwardEvents(
  contents: () => WebContents | null,
  sources: { readonly usage: UsageService; readonly config: ConfigStore },
): Disposable {
  const store = new DisposableStore();
  const send = <E extends keyof typeof events>(
    event: E,
    payload: Parameters<typeof emit<typeof events, E>>[3],
  ) => {
    const target = contents();
    if (target) emit(events, target, event, payload);
  };
  store.add(sources.usage.onDidChange((state) => send('usage:changed', state)));
  store.add(sources.config.onDidChange((config) => send('config:changed', config)));
  return store;
}
