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
  /**
   * Accept JSON with trailing commas (`[1, 2,]`), for a provider whose documented examples
   * have them (Seeweb). Only a body that strict JSON refuses is read leniently.
   */
  readonly lenientJson?: boolean;
}

/**
 * The longest wait a read sits through before retrying a server error. A longer Retry-After
 * (a 503 with "Retry-After: 3600") fails the read at once, carrying the wait, so that the
 * scheduler polls again then instead of an adapter sleeping through it.
 */
export const MAX_RETRY_WAIT_MS = 5_000;

/** What the user can do about a transport failure: usually nothing but wait. */
export const TRANSPORT_HINT =
  "check the network or the provider's status page; Cloudmeter will try again";

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

/**
 * Removes commas that directly precede a closing `}` or `]` (whitespace between allowed),
 * outside strings. Everything else is left for JSON.parse to judge.
 */
export function withoutTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === ',') {
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      if (text[next] === '}' || text[next] === ']') continue;
    }
    out += char;
  }
  return out;
}

function parseJson(text: string, lenient: boolean): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!lenient) throw error;
    return JSON.parse(withoutTrailingCommas(text)) as unknown;
  }
}

function decode(response: HttpResponse, what: string, lenient: boolean): unknown {
  try {
    return parseJson(response.body, lenient);
  } catch {
    const start = response.body.slice(0, 60).replace(/\s+/g, ' ');
    throw providerError('bad-response', what, {
      status: response.status,
      providerMessage: `answer is not JSON (begins "${start}")`,
    });
  }
}

const TRANSPORT_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['network', 'timeout']);

/**
 * The HTTP client's error names only the host: say which call failed too, and for a network
 * failure or a timeout, what the user can do about it.
 */
function namingTheCall(error: unknown, what: string): unknown {
  if (!isProviderError(error) || error.message.startsWith(`${what}:`)) return error;
  if (!TRANSPORT_KINDS.has(error.kind) && error.kind !== 'bad-response') return error;
  const hint = TRANSPORT_KINDS.has(error.kind) ? `; ${TRANSPORT_HINT}` : '';
  return new ProviderError(
    error.kind,
    `${what}: ${KIND_PHRASE[error.kind]} (${error.message})${hint}`,
    {
      retryAfterMs: error.retryAfterMs,
      status: error.status,
      providerMessage: error.providerMessage,
      cause: error,
    },
  );
}

async function once<S extends z.ZodType>(
  ctx: FetchContext,
  call: JsonCall<S>,
): Promise<z.output<S>> {
  const response = await ctx.http
    .request({ ...call.request, signal: call.request.signal ?? ctx.signal })
    .catch((error: unknown) => {
      throw namingTheCall(error, call.what);
    });
  const ok = response.status >= 200 && response.status < 300;
  let body: unknown = null;
  try {
    body = decode(response, call.what, call.lenientJson ?? false);
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

/**
 * Runs `attempt`, and again after a `server` error up to `retries` more times, waiting
 * 250 ms, 500 ms… or the provider's Retry-After if longer. A wait over MAX_RETRY_WAIT_MS is
 * not sat through: the error is thrown at once, its retryAfterMs telling the scheduler when.
 */
export async function withServerRetries<T>(
  ctx: Pick<FetchContext, 'clock' | 'signal'>,
  retries: number,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let done = 0; ; done++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = isProviderError(error) && error.kind === 'server' && done < retries;
      if (!retryable || ctx.signal.aborted) throw error;
      const waitMs = Math.max(250 * 2 ** done, error.retryAfterMs ?? 0);
      if (waitMs > MAX_RETRY_WAIT_MS) throw error;
      await ctx.clock.sleep(waitMs, ctx.signal);
    }
  }
}

/** Sends one JSON call; see JsonCall. Server errors are retried with exponential backoff. */
export function requestJson<S extends z.ZodType>(
  ctx: FetchContext,
  call: JsonCall<S>,
): Promise<z.output<S>> {
  return withServerRetries(ctx, call.retries ?? 0, () => once(ctx, call));
}
