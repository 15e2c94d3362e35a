import { z } from 'zod';
import { ProviderErrorKindSchema } from '../domain/errors.ts';

/** Why an IPC request failed: the request itself, its sender, or the work it asked for. */
export const IpcErrorCodeSchema = z.union([
  z.enum(['bad-request', 'untrusted-sender', 'not-found', 'conflict', 'unavailable', 'failed']),
  ProviderErrorKindSchema,
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.object({ code: IpcErrorCodeSchema, message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

/**
 * Every reply crosses IPC in this envelope: Electron's invoke() turns a thrown Error into a
 * bare message and loses its fields, so failures are returned as data instead.
 */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Thrown by a handler to reply with a specific code (anything else replies `failed`). */
export class IpcRequestError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'IpcRequestError';
    this.code = code;
  }
}
