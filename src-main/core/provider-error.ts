import type { ProviderErrorKind } from '../../src-shared/domain/errors.ts';

/**
 * The one error type adapters and the HTTP layer throw. `message` is written for the user and
 * must never contain a secret; `providerMessage` keeps the provider's own words when it sent any.
 */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** For `rate-limited` (and `server` when the provider said so): how long to wait. */
  readonly retryAfterMs: number | null;
  readonly status: number | null;
  readonly providerMessage: string | null;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    details: {
      retryAfterMs?: number | null;
      status?: number | null;
      providerMessage?: string | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.status = details.status ?? null;
    this.providerMessage = details.providerMessage ?? null;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
