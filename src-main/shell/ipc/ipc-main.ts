import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type {
  EventTable,
  ParsedArgsOf,
  PayloadOf,
  RequestTable,
  ResultOf,
} from '../../../src-shared/ipc/define.ts';
import { fail, type IpcResult } from '../../../src-shared/ipc/result.ts';
import { validatedCall } from '../../app/validated-call.ts';
import { toDisposable, type Disposable } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import { isTrustedUrl } from '../security.ts';

export interface IpcGuard {
  /** Origins of our own pages (the app scheme; the dev server in development). */
  readonly origins: ReadonlySet<string>;
  readonly log: Logger;
}

/**
 * Only the main frame of our own page may call main: not a subframe, not a page that got
 * navigated elsewhere (navigation is blocked too, this is the second lock).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  origins: ReadonlySet<string>,
): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedUrl(frame.url, origins);
}

/**
 * Registers the handler of one contract channel: checks the sender, then validates the
 * arguments and the reply against the contract (see validatedCall). The only
 * `ipcMain.handle` in the app.
 */
export function handle<T extends RequestTable, C extends keyof T & string>(
  table: T,
  channel: C,
  impl: (...args: ParsedArgsOf<T, C>) => ResultOf<T, C> | Promise<ResultOf<T, C>>,
  guard: IpcGuard,
): Disposable {
  const spec = table[channel]!;
  ipcMain.handle(channel, async (event, ...raw: unknown[]): Promise<IpcResult<ResultOf<T, C>>> => {
    if (!isTrustedSender(event, guard.origins)) {
      guard.log.warn('refused IPC from an untrusted sender', {
        channel,
        url: event.senderFrame?.url ?? null,
      });
      return fail('untrusted-sender', `${channel}: not allowed from this page`);
    }
    return (await validatedCall(spec, channel, raw, impl, guard.log)) as IpcResult<ResultOf<T, C>>;
  });
  return toDisposable(() => ipcMain.removeHandler(channel));
}

/** Sends a contract event to a renderer, validated; skips a window that is already gone. */
export function emit<T extends EventTable, E extends keyof T & string>(
  table: T,
  contents: WebContents,
  event: E,
  payload: PayloadOf<T, E>,
): void {
  if (contents.isDestroyed()) return;
  contents.send(event, table[event]!.parse(payload));
}
