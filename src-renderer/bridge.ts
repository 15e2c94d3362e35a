import type { EventChannel, RequestChannel } from '../src-shared/ipc/channels.ts';
import { PRELOAD_GLOBAL, methodName } from '../src-shared/ipc/channels.ts';
import type { PreloadApi } from '../src-shared/ipc/api.ts';
import type { Events, Requests } from '../src-shared/ipc/contract.ts';
import type { ArgsOf, PayloadOf, ResultOf } from '../src-shared/ipc/define.ts';
import type { IpcErrorCode, IpcResult } from '../src-shared/ipc/result.ts';

/**
 * The renderer's only door to the main process: the one module that reads the preload's API
 * from `window`. Every reply arrives as an IpcResult; here a failure becomes a BridgeError the
 * views can put into words by its code, and a success is just the value.
 */
export class BridgeError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}

function preloadApi(): PreloadApi {
  const api = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  // No detail: the view says it in the user's language (error.unavailable).
  if (!api) throw new BridgeError('unavailable', '');
  return api;
}

/** Sends a request and returns its value; a failed request throws a BridgeError. */
export async function request<C extends RequestChannel>(
  channel: C,
  ...args: ArgsOf<Requests, C>
): Promise<ResultOf<Requests, C>> {
  const method = preloadApi()[methodName(channel)] as unknown as (
    ...raw: unknown[]
  ) => Promise<IpcResult<ResultOf<Requests, C>>>;
  let result: IpcResult<ResultOf<Requests, C>>;
  try {
    result = await method(...args);
  } catch (error) {
    // The preload itself failed (the main process went away): not a reply from a handler.
    throw new BridgeError('unavailable', error instanceof Error ? error.message : String(error));
  }
  if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
  return result.value;
}

/** Listens to a main → window event; returns the function that stops listening. */
export function subscribe<E extends EventChannel>(
  event: E,
  listener: (payload: PayloadOf<Events, E>) => void,
): () => void {
  return preloadApi().on(event, listener);
}

/** Whether the page runs with the preload (false in a plain browser tab). */
export function bridgeAvailable(): boolean {
  return PRELOAD_GLOBAL in window;
}

export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError('failed', error instanceof Error ? error.message : String(error));
}
