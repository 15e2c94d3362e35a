import type { z } from 'zod';
import type { ProviderErrorKind } from '../../../src-shared/domain/errors.ts';
import type { Clock } from '../../core/clock.ts';
import type { HttpResponse } from '../../core/http.ts';
import { ProviderError, isProviderError } from '../../core/provider-error.ts';
import {
  kindForStatus,
  parseRetryAfter,
  providerError,
  requestJson,
  withServerRetries,
} from '../http-json.ts';
import { optionString, type FetchContext } from '../provider.ts';
import { MAX_RATE_LIMIT_WAIT_MS, RollingWindowLimit, type LimitShare } from '../rate-limit.ts';
import { AUTH_SCHEMES, type AuthScheme } from './cdnetworks.descriptor.ts';
import { CncErrorBodySchema } from './cdnetworks.schema.ts';
import { akskHeaders, apiKeyHeaders } from './cdnetworks.sign.ts';

/**
 * One signed CDNetworks call: auth headers for the account's scheme, the documented error
 * codes mapped to error kinds, the provider's message and request id kept.
 */

/** Every call asks for GMT+9, the zone Local Storage data is kept in, so all days agree. */
const TIME_ZONE_HEADER = 'GMT+09:00';
const JSON_TYPE = 'application/json';
/** The documented rate limit: 300 requests per 5 minutes per user. */
export const RATE_LIMIT = 300;
const RATE_WINDOW_MS = 5 * 60_000;
/**
 * How much of that limit a read may fill on our side. A poll stays under 90 % (room for the
 * console and other tools on the same key) and waits only briefly; a history read stays
 * under two thirds, so polls of the same key still fit beside it, and waits as long as it
 * takes, since it runs in the background.
 */
export const POLL_SHARE: LimitShare = { share: 0.9, maxWaitMs: MAX_RATE_LIMIT_WAIT_MS };
export const HISTORY_SHARE: LimitShare = { share: 2 / 3, maxWaitMs: RATE_WINDOW_MS };
/** The server accepts an AK/SK timestamp up to 5 minutes off; stay well inside that. */
const MAX_TIMESTAMP_LEAD_S = 120;
const RETRIES = 2;

/** Error codes from the domain-usage page and the rate-limit code seen in the wild. */
const KIND_BY_CODE: Readonly<Record<string, ProviderErrorKind>> = {
  '24102006': 'invalid-request', // The date specified is invalid.
  '24102021': 'invalid-request', // Date format error.
  '24102023': 'invalid-request', // Failed to get ids / Invalid parameters (contract, dates)
  '24102008': 'not-found', // param: domain is null or invalid. / Domain not found
  '24102500': 'server', // We encountered an internal error. Please try again.
  '34102022': 'permission', // No contract permission
  WPLUS_AccountApiTooFrequence: 'rate-limited',
};

export function authSchemeOf(ctx: Pick<FetchContext, 'account'>): AuthScheme {
  const value = optionString(ctx.account, 'authScheme');
  const scheme = AUTH_SCHEMES.find((s) => s === value);
  if (!scheme) {
    throw new ProviderError(
      'invalid-request',
      `account "${ctx.account.id}": option "authScheme" must be one of ${AUTH_SCHEMES.join(', ')}`,
    );
  }
  return scheme;
}

/** A credential the chosen scheme needs; a missing one is named, with where to set it. */
function needed(ctx: FetchContext, scheme: AuthScheme, key: string, secret: boolean): string {
  const value = ctx.credentials[key];
  if (value !== undefined && value !== '') return value;
  const id = ctx.account.id;
  const fix = secret
    ? `store it with: cloudmeter secret set ${id} ${key}`
    : `add it to the account's options as "${key}"`;
  throw new ProviderError(
    'auth',
    `account "${id}": authScheme "${scheme}" needs credential "${key}"; ${fix}`,
  );
}

/**
 * AK/SK timestamps are Unix seconds, and the server refuses one it has seen from the same key
 * in the last 5 minutes, so requests sent within one second must not share it. Each clock (one
 * per app, one per test) hands out strictly increasing seconds per access key.
 */
const issuedTimestamps = new WeakMap<Clock, Map<string, number>>();

async function nextTimestamp(ctx: FetchContext, accessKeyId: string): Promise<number> {
  let perKey = issuedTimestamps.get(ctx.clock);
  if (!perKey) {
    perKey = new Map<string, number>();
    issuedTimestamps.set(ctx.clock, perKey);
  }
  const now = Math.floor(ctx.clock.now() / 1000);
  const timestamp = Math.max(now, (perKey.get(accessKeyId) ?? 0) + 1);
  perKey.set(accessKeyId, timestamp);
  const lead = timestamp - now;
  if (lead > MAX_TIMESTAMP_LEAD_S) {
    await ctx.clock.sleep((lead - MAX_TIMESTAMP_LEAD_S) * 1000, ctx.signal);
  }
  return timestamp;
}

/** One rolling window per user (access key or user name) and API host, per clock. */
const limits = new WeakMap<Clock, Map<string, RollingWindowLimit>>();

function limitFor(ctx: FetchContext): RollingWindowLimit {
  let perUser = limits.get(ctx.clock);
  if (!perUser) {
    perUser = new Map();
    limits.set(ctx.clock, perUser);
  }
  const scheme = authSchemeOf(ctx);
  const user = ctx.credentials[scheme === 'aksk' ? 'accessKeyId' : 'userName'] ?? '';
  const key = `${ctx.baseUrl} ${scheme} ${user}`;
  let limit = perUser.get(key);
  if (!limit) {
    limit = new RollingWindowLimit(RATE_LIMIT, RATE_WINDOW_MS);
    perUser.set(key, limit);
  }
  return limit;
}

async function authHeaders(
  ctx: FetchContext,
  request: { method: 'GET' | 'POST'; url: URL; body: string },
): Promise<Record<string, string>> {
  const scheme = authSchemeOf(ctx);
  if (scheme === 'api-key') {
    return apiKeyHeaders({
      userName: needed(ctx, scheme, 'userName', false),
      apiKey: needed(ctx, scheme, 'apiKey', true),
      at: ctx.clock.now(),
    });
  }
  const credentials = {
    accessKeyId: needed(ctx, scheme, 'accessKeyId', false),
    secretKey: needed(ctx, scheme, 'secretKey', true),
  };
  const signed = {
    method: request.method,
    path: request.url.pathname,
    rawQuery: request.url.search.slice(1),
    // undici sends the URL's host (with the port when not the default): sign exactly that.
    host: request.url.host,
    contentType: JSON_TYPE,
    body: request.body,
  };
  return akskHeaders(signed, credentials, await nextTimestamp(ctx, credentials.accessKeyId));
}

/** Maps `{code, message}` bodies (any status) and HTTP-200 envelopes with `code != "0"`. */
function classifier(what: string, now: number) {
  return (response: HttpResponse, body: unknown): ProviderError | null => {
    const ok = response.status >= 200 && response.status < 300;
    const parsed = CncErrorBodySchema.safeParse(body);
    const code = parsed.success && parsed.data.code !== undefined ? String(parsed.data.code) : null;
    if (ok && (code === null || code === '0')) return null;
    const known = code === null ? undefined : KIND_BY_CODE[code];
    // An unknown error code inside an HTTP 200 is still an error, never data.
    const kind = known ?? (ok ? 'server' : kindForStatus(response.status));
    let retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
    if (kind === 'rate-limited') retryAfterMs ??= RATE_WINDOW_MS;
    const requestId = response.headers['x-cnc-request-id'];
    const said = [
      parsed.success ? parsed.data.message : undefined,
      code !== null ? `code ${code}` : undefined,
      requestId ? `request id ${requestId}` : undefined,
    ].filter(Boolean);
    return providerError(kind, what, {
      status: response.status,
      providerMessage: said.length > 0 ? said.join('; ') : null,
      retryAfterMs,
    });
  };
}

export interface CncCall<S extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly schema: S;
  /** Names the call in messages: "CDNetworks traffic of www.example.com". */
  readonly what: string;
  /** Part of a history read: a smaller share of the rate limit, and patience. Default: a poll. */
  readonly history?: boolean;
}

/**
 * Sends one read. Server errors are retried here rather than inside requestJson, because
 * every attempt must be signed afresh: a repeated AK/SK timestamp is refused.
 */
export function cncRequest<S extends z.ZodType>(
  ctx: FetchContext,
  call: CncCall<S>,
): Promise<z.output<S>> {
  const url = new URL(`${ctx.baseUrl}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const limit = limitFor(ctx);
  return withServerRetries(ctx, RETRIES, async () => {
    await limit.acquire(
      ctx.clock,
      ctx.signal,
      call.what,
      call.history ? HISTORY_SHARE : POLL_SHARE,
    );
    const headers = {
      accept: JSON_TYPE,
      'content-type': JSON_TYPE,
      'x-time-zone': TIME_ZONE_HEADER,
      ...(await authHeaders(ctx, { method: call.method, url, body })),
    };
    return requestJson(ctx, {
      request: {
        method: call.method,
        url: url.toString(),
        headers,
        ...(body === '' ? {} : { body }),
      },
      schema: call.schema,
      what: call.what,
      classify: classifier(call.what, ctx.clock.now()),
    }).catch((error: unknown) => {
      if (isProviderError(error) && error.kind === 'rate-limited')
        limit.holdUntil(ctx.clock.now() + (error.retryAfterMs ?? RATE_WINDOW_MS));
      throw error;
    });
  });
}
