import type { z } from 'zod';
import type { EventChannel, MethodName, RequestChannel } from './channels.ts';
import type { Events, Requests } from './contract.ts';
import type { IpcResult } from './result.ts';

/**
 * What the preload puts on `window.cloudmeter`: one named method per request channel (built
 * from the channel list, never a generic `send`), each answering with an IpcResult, and `on`
 * for main → window events. The renderer reaches it only through src-renderer/bridge.ts.
 */
export type PreloadApi = {
  readonly [C in RequestChannel as MethodName<C>]: (
    ...args: z.input<Requests[C]['args']>
  ) => Promise<IpcResult<z.output<Requests[C]['result']>>>;
} & {
  /** Subscribes to a main → window event; returns the unsubscribe function. */
  readonly on: <E extends EventChannel>(
    event: E,
    listener: (payload: z.output<Events[E]>) => void,
  ) => () => void;
};
