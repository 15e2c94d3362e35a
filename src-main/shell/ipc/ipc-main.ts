import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type {
  ArgsOf,
  EventTable,
  ParsedArgsOf,
  PayloadOf,
  RequestTable,
  ResultOf,
} from '../../../src-shared/ipc/define.ts';
import { IpcRequestError, fail, ok, type IpcResult } from '../../../src-shared/ipc/result.ts';
import { formatIssue, issuesOf } from '../../../src-shared/schema.ts';
import { toDisposable, type Disposable } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import { isProviderError } from '../../core/provider-error.ts';
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

function describe(raw: unknown[]): string {
  return `${raw.length} argument(s)`;
}

/**
 * Registers the handler of one contract channel: checks the sender, validates the arguments
 * against the contract, runs the handler, validates the reply (which also strips any field the
 * contract does not name) and wraps it in an IpcResult. The only `ipcMain.handle` in the app.
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
    const args = spec.args.safeParse(raw);
    if (!args.success) {
      guard.log.warn('refused malformed IPC request', { channel, args: describe(raw) });
      return fail(
        'bad-request',
        `${channel}: ${issuesOf(args.error).slice(0, 3).map(formatIssue).join('; ')}`,
      );
    }
    try {
      const value = await impl(...(args.data as ParsedArgsOf<T, C>));
      const reply = spec.result.safeParse(value);
      if (!reply.success) {
        guard.log.error('IPC reply does not match the contract', {
          channel,
          problem: issuesOf(reply.error).map(formatIssue).join('; '),
        });
        return fail('failed', `${channel}: internal error`);
      }
      return ok(reply.data as ResultOf<T, C>);
    } catch (error) {
      if (error instanceof IpcRequestError) return fail(error.code, error.message);
      if (isProviderError(error)) return fail(error.kind, error.message);
      guard.log.error('IPC handler failed', {
        channel,
        error: error instanceof Error ? error.message : String(error),
      });
      return fail('failed', `${channel}: ${error instanceof Error ? error.message : 'failed'}`);
    }
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

export type { ArgsOf };
