import type { RequestSpec } from '../../src-shared/ipc/define.ts';
import { IpcRequestError, fail, ok, type IpcResult } from '../../src-shared/ipc/result.ts';
import { formatIssue, issuesOf } from '../../src-shared/schema.ts';
import type { Logger } from '../core/logger.ts';
import { isProviderError } from '../core/provider-error.ts';

/**
 * One request from the window, the way main answers it: the arguments validated against the
 * contract, the handler run, the reply validated (which also drops any field the contract does
 * not name) and wrapped in an IpcResult. Used by the Electron IPC handler and by the
 * renderer's end-to-end test bridge, so both behave the same.
 */
export async function validatedCall(
  spec: RequestSpec,
  channel: string,
  raw: readonly unknown[],
  impl: (...args: never[]) => unknown,
  log: Logger,
): Promise<IpcResult<unknown>> {
  const args = spec.args.safeParse(raw);
  if (!args.success) {
    log.warn('refused malformed IPC request', { channel, args: `${raw.length} argument(s)` });
    return fail(
      'bad-request',
      `${channel}: ${issuesOf(args.error).slice(0, 3).map(formatIssue).join('; ')}`,
    );
  }
  try {
    const value = await impl(...(args.data as never[]));
    const reply = spec.result.safeParse(value);
    if (!reply.success) {
      log.error('IPC reply does not match the contract', {
        channel,
        problem: issuesOf(reply.error).map(formatIssue).join('; '),
      });
      return fail('failed', `${channel}: internal error`);
    }
    return ok(reply.data);
  } catch (error) {
    if (error instanceof IpcRequestError) return fail(error.code, error.message);
    if (isProviderError(error)) return fail(error.kind, error.message);
    const message = error instanceof Error ? error.message : String(error);
    log.error('IPC handler failed', { channel, error: message });
    return fail('failed', `${channel}: ${message}`);
  }
}
