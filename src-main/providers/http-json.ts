import type { z } from 'zod';
import type { ProviderErrorKind } from '../../src-shared/domain/errors.ts';
import { issuesOf, formatIssue } from '../../src-shared/schema.ts';
import type { HttpRequest, HttpResponse } from '../core/http.ts';
import { ProviderError, isProviderError } from '../core/provider-error.ts';
import type { FetchContext } from './provider.ts';

/**
 * The shared request path of every adapter: send, map the HTTP status, decode JSON, detect the
 * provider's error envelope, validate the shape. Adapters supply what is provider-specific.
 */
export interface JsonCall<S extends z.ZodType> {
  readonly request: HttpRequest;
  readonly schema: S;
  /** Names the call in messages: "IDCF billing for 2024-07". */
  readonly what: string;
  /** The provider's own error text from an error body, if it has one. */
  readonly errorMessage?: (body: unknown) => string | null;
  /**
   * Provider-specific errors: an HTTP 200 error envelope (UCloud RetCode, CDNetworks code),
   * or a status whose meaning differs from the HTTP default. Return null to use the default.
   */
  readonly classify?: (response: HttpResponse, body: unknown) => ProviderError | null;
  /** Retry `server` errors this many extra times (idempotent calls only). Default 0. */
  readonly retries?: number;
}

const KIND_BY_STATUS: Record<number, ProviderErrorKind> = {
  400: 'invalid-request',
  401: 'auth',
  403: 'permission',
  404: 'not-found',
  408: 'timeout',
  422: 'invalid-request',
  429: 'rate-limited',
};

/** Seconds or an HTTP date → milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function kindForStatus(status: number): ProviderErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid-request');
}

const KIND_PHRASE: Record<ProviderErrorKind, string> = {
  auth: 'credentials rejected',
  permission: 'permission denied',
  'rate-limited': 'rate limited',
  network: 'network error',
  timeout: 'timed out',
  'bad-response': 'unexpected answer',
  server: 'provider error',
  'not-found': 'not found',
  'invalid-request': 'request refused',
};

/** A ProviderError whose message says what was called, what went wrong and the provider's words. */
export function providerError(
  kind: ProviderErrorKind,
  what: string,
  details: { status?: number; providerMessage?: string | null; retryAfterMs?: number | null } = {},
): ProviderError {
  const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
  const said = details.providerMessage ? `: ${details.providerMessage}` : '';
  return new ProviderError(kind, `${what}: ${KIND_PHRASE[kind]}${status}${said}`, details);
}

function decode(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    const start = response.body.slice(0, 60).replace(/\s+/g, ' ');
    throw providerError('bad-response', what, {
      status: response.status,
      providerMessage: `answer is not JSON (begins "${start}")`,
    });
  }
}

async function once<S extends z.ZodType>(
  ctx: FetchContext,
  call: JsonCall<S>,
): Promise<z.output<S>> {
  const response = await ctx.http.request({
    ...call.request,
    signal: call.request.signal ?? ctx.signal,
  });
  const ok = response.status >= 200 && response.status < 300;
  let body: unknown = null;
  try {
    body = decode(response, call.what);
  } catch (error) {
    if (ok) throw error;
  }
  const special = call.classify?.(response, body);
  if (special) throw special;
  if (!ok) {
    throw providerError(kindForStatus(response.status), call.what, {
      status: response.status,
      providerMessage: call.errorMessage?.(body) ?? null,
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], ctx.clock.now()),
    });
  }
  const parsed = call.schema.safeParse(body);
  if (!parsed.success) {
    throw providerError('bad-response', call.what, {
      status: response.status,
      providerMessage: issuesOf(parsed.error).slice(0, 3).map(formatIssue).join('; '),
    });
  }
  return parsed.data;
}

/** Sends one JSON call; see JsonCall. Server errors are retried with exponential backoff. */
export async function requestJson<S extends z.ZodType>(
  ctx: FetchContext,
  call: JsonCall<S>,
): Promise<z.output<S>> {
  const retries = call.retries ?? 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(ctx, call);
    } catch (error) {
      const retryable = isProviderError(error) && error.kind === 'server' && attempt < retries;
      if (!retryable || ctx.signal.aborted) throw error;
      const backoff = 250 * 2 ** attempt;
      await ctx.clock.sleep(Math.max(backoff, error.retryAfterMs ?? 0), ctx.signal);
    }
  }
}
