import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  PRELOAD_GLOBAL,
  REQUEST_CHANNELS,
  methodName,
} from '../../../src-shared/ipc/channels.ts';

/**
 * The window's only door to the main process. It exposes one named method per contract
 * channel and an event subscription limited to the contract's events; the page never sees
 * ipcRenderer itself. Arguments and replies are validated in main, not here: a compromised
 * page could skip any check made in this file.
 */
export function buildPreloadApi(
  renderer: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>,
) {
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    api[methodName(channel)] = (...args: unknown[]) => renderer.invoke(channel, ...args);
  }
  const events: readonly string[] = EVENT_CHANNELS;
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!events.includes(event)) throw new Error(`unknown event "${event}"`);
    // The listener gets the payload only, never the IPC event (which carries `sender`).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    renderer.on(event, forward);
    return () => renderer.removeListener(event, forward);
  };
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, buildPreloadApi(ipcRenderer));
