import type { z } from 'zod';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { HttpClient, HttpResponse } from '../../core/http.ts';
import { ProviderError } from '../../core/provider-error.ts';
import { parseRetryAfter, providerError, requestJson } from '../http-json.ts';
import { credential, type FetchContext } from '../provider.ts';
import { parseLimitHeaders, type IdcfRateLimit } from './idcf.rate-limit.ts';
import {
  IdcfBillingHistorySchema,
  IdcfBillingMonthSchema,
  idcfErrorMessage,
  type IdcfBillingHistory,
  type IdcfBillingMonth,
} from './idcf.schema.ts';
import { idcfAuthHeaders, idcfQuery } from './idcf.sign.ts';

/** What one adapter operation needs to call IDCF: the context and the account's rate limit. */
export interface IdcfSession {
  readonly ctx: FetchContext;
  readonly limit: IdcfRateLimit;
}

const KEY_SHAPE = /^[\w-]+$/;

function keys(ctx: FetchContext): { apiKey: string; secretKey: string } {
  const apiKey = credential(ctx, 'apiKey');
  const secretKey = credential(ctx, 'secretKey');
  for (const [field, value] of [
    ['apiKey', apiKey],
    ['secretKey', secretKey],
  ] as const) {
    if (!KEY_SHAPE.test(value)) {
      throw new ProviderError(
        'auth',
        `account "${ctx.account.id}": credential "${field}" does not look like an IDCF key (86 letters, digits, "_" or "-")`,
      );
    }
  }
  return { apiKey, secretKey };
}

/** How long IDCF asked us to wait: Retry-After if sent, else until its rate-limit window resets. */
function waitAskedFor(headers: Readonly<Record<string, string>>, now: Instant): number | null {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== null) return retryAfter;
  const limit = parseLimitHeaders(headers, now);
  return limit ? Math.max(0, limit.resetAt - now) : null;
}

/**
 * An HTTP client for one IDCF call: waits for the rate limit, signs every attempt afresh (a
 * retry gets a new expiry), and records the x-idcf-limit-* headers of every answer.
 */
function signedClient(session: IdcfSession, what: string, path: string, query: string): HttpClient {
  const { ctx, limit } = session;
  const { apiKey, secretKey } = keys(ctx);
  return {
    async request(request) {
      await limit.acquire(ctx.clock, ctx.signal, what);
      let response: HttpResponse | null = null;
      try {
        const auth = idcfAuthHeaders(
          { method: request.method, path, query, apiKey },
          secretKey,
          ctx.clock.now(),
        );
        response = await ctx.http.request({ ...request, headers: { ...request.headers, ...auth } });
        return response;
      } finally {
        const now = ctx.clock.now();
        limit.settle(response?.headers ?? null, now);
        if (response?.status === 429)
          limit.holdUntil(now + (waitAskedFor(response.headers, now) ?? 0));
      }
    },
  };
}

/** IDCF-specific answers: 429 with its own reset header, a bad month, a 200 error body. */
function classify(session: IdcfSession, what: string) {
  return (response: HttpResponse, body: unknown): ProviderError | null => {
    const message = idcfErrorMessage(body);
    const status = response.status;
    if (status === 429) {
      return providerError('rate-limited', what, {
        status,
        providerMessage: message,
        retryAfterMs: waitAskedFor(response.headers, session.ctx.clock.now()),
      });
    }
    if (status === 401 && message !== null && /invalid date format/i.test(message)) {
      return providerError('invalid-request', what, { status, providerMessage: message });
    }
    const envelope = typeof body === 'object' && body !== null && !('data' in body);
    if (status >= 200 && status < 300 && envelope && message !== null) {
      const kind = /not found/i.test(message)
        ? 'not-found'
        : /signature|expire|api ?key|auth/i.test(message)
          ? 'auth'
          : 'server';
      return providerError(kind, what, { status, providerMessage: message });
    }
    return null;
  };
}

async function idcfGet<S extends z.ZodType>(
  session: IdcfSession,
  path: string,
  what: string,
  schema: S,
): Promise<z.output<S>> {
  // Built once: the query signed is byte for byte the query sent.
  const query = idcfQuery({ format: 'json' });
  const url = `${session.ctx.baseUrl}${path}?${query}`;
  const pathOnWire = new URL(url).pathname;
  return requestJson(
    { ...session.ctx, http: signedClient(session, what, pathOnWire, query) },
    {
      request: { method: 'GET', url, headers: { accept: 'application/json' } },
      schema,
      what,
      errorMessage: idcfErrorMessage,
      classify: classify(session, what),
      retries: 2,
    },
  );
}

/** The months the account has bills for, and its account id. */
export function fetchHistory(session: IdcfSession): Promise<IdcfBillingHistory> {
  return idcfGet(
    session,
    '/api/v1/billings/history',
    'IDCF billing history',
    IdcfBillingHistorySchema,
  );
}

/** The itemised bill of one JST month ("2026-11"). */
export function fetchBillingMonth(session: IdcfSession, month: string): Promise<IdcfBillingMonth> {
  return idcfGet(
    session,
    `/api/v1/billings/${month}`,
    `IDCF billing for ${month}`,
    IdcfBillingMonthSchema,
  );
}
