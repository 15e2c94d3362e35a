import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../src-main/core/logger.ts';
import { ProviderError } from '../../src-main/core/provider-error.ts';
import { DEMO_ACCOUNT } from '../../src-main/core/accounts.ts';
import {
  MAX_RETRY_WAIT_MS,
  TRANSPORT_HINT,
  parseRetryAfter,
  providerError,
  requestJson,
  withoutTrailingCommas,
  type JsonCall,
} from '../../src-main/providers/http-json.ts';
import type { FetchContext } from '../../src-main/providers/provider.ts';
import { FakeServer } from '../fakes/fake-server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { testHttpClient } from '../support/http.ts';

const Body = z.object({
  total: z.number(),
  rows: z.array(z.object({ name: z.string(), bytes: z.coerce.number() })),
});

async function setup() {
  const server = await FakeServer.start(() => ({
    json: { total: 2, rows: [{ name: 'a', bytes: '5' }] },
  }));
  const clock = new FakeClock('2026-01-01T00:00:00Z');
  const ctx: FetchContext = {
    account: DEMO_ACCOUNT,
    baseUrl: server.baseUrl,
    credentials: {},
    http: testHttpClient(),
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  const call = (extra: Partial<JsonCall<typeof Body>> = {}) =>
    requestJson(ctx, {
      request: { method: 'GET', url: `${server.baseUrl}/usage` },
      schema: Body,
      what: 'Test usage',
      errorMessage: (body) => (body as { message?: string } | null)?.message ?? null,
      ...extra,
    });
  return { server, clock, call };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('requestJson', () => {
  it('validates and coerces the body', async () => {
    const { server, call } = await setup();
    try {
      expect(await call()).toEqual({ total: 2, rows: [{ name: 'a', bytes: 5 }] });
    } finally {
      await server.close();
    }
  });

  it.each([
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not-found'],
    [400, 'invalid-request'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('maps HTTP %i to %s and keeps the provider message', async (status, kind) => {
    const { server, call } = await setup();
    try {
      server.inject({
        kind: 'status',
        status,
        json: { message: 'said by provider' },
        headers: { 'retry-after': '30' },
      });
      const error = await rejection(call());
      expect(error.kind).toBe(kind);
      expect(error.message).toBe(
        `Test usage: ${providerError(kind, 'x').message.slice(3)} (HTTP ${status}): said by provider`,
      );
      expect(error.retryAfterMs).toBe(30_000);
    } finally {
      await server.close();
    }
  });

  it('names the field when the provider changed its schema', async () => {
    const { server, call } = await setup();
    try {
      server.inject({ kind: 'reshape', transform: () => ({ total: '2', rows: [{ bytes: 1 }] }) });
      const error = await rejection(call());
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/total: .*expected number/i);
      expect(error.message).toMatch(/rows\[0\]\.name/);
    } finally {
      await server.close();
    }
  });

  it('treats a body that is not JSON as a bad response', async () => {
    const { server, call } = await setup();
    try {
      server.inject({ kind: 'malformed' });
      const error = await rejection(call());
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/answer is not JSON/);
    } finally {
      await server.close();
    }
  });

  it('lets the adapter turn an HTTP 200 error envelope into an error', async () => {
    const { server, call } = await setup();
    try {
      server.inject({
        kind: 'status',
        status: 200,
        json: { RetCode: 171, Message: 'Signature VerifyAC Error' },
      });
      const classify = (_: unknown, body: unknown) => {
        const code = (body as { RetCode?: number }).RetCode;
        return code
          ? providerError('auth', 'Test usage', { providerMessage: 'Signature VerifyAC Error' })
          : null;
      };
      const error = await rejection(call({ classify }));
      expect(error.kind).toBe('auth');
      expect(error.message).toContain('Signature VerifyAC Error');
    } finally {
      await server.close();
    }
  });

  it('retries server errors with growing waits, and gives up after the allowed retries', async () => {
    const { server, clock, call } = await setup();
    try {
      server.inject({ kind: 'status', status: 502 }, { times: 2 });
      expect((await call({ retries: 2 })).total).toBe(2);
      expect(clock.sleeps).toEqual([250, 500]);
      server.inject({ kind: 'status', status: 502 }, { times: 3 });
      expect((await rejection(call({ retries: 1 }))).kind).toBe('server');
      expect(server.requests).toHaveLength(5);
    } finally {
      await server.close();
    }
  });

  it('does not sit through a long Retry-After: fails at once as server, carrying the wait', async () => {
    const { server, clock, call } = await setup();
    try {
      server.inject({ kind: 'status', status: 503, headers: { 'retry-after': '3600' } });
      const error = await rejection(call({ retries: 2 }));
      expect(error.kind).toBe('server');
      expect(error.retryAfterMs).toBe(3_600_000);
      expect(clock.sleeps).toEqual([]);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('waits a short Retry-After (up to MAX_RETRY_WAIT_MS) and retries', async () => {
    const { server, clock, call } = await setup();
    try {
      const seconds = MAX_RETRY_WAIT_MS / 1000;
      server.inject(
        { kind: 'status', status: 503, headers: { 'retry-after': String(seconds) } },
        { times: 1 },
      );
      expect((await call({ retries: 1 })).total).toBe(2);
      expect(clock.sleeps).toEqual([MAX_RETRY_WAIT_MS]);
    } finally {
      await server.close();
    }
  });

  it('names the call in network and timeout errors, and says what to do', async () => {
    const { server, call } = await setup();
    try {
      server.inject({ kind: 'slow', delayMs: 2_000 });
      const timeout = await rejection(
        call({ request: { method: 'GET', url: `${server.baseUrl}/usage`, timeoutMs: 300 } }),
      );
      expect(timeout.kind).toBe('timeout');
      expect(timeout.message).toBe(
        `Test usage: timed out (${new URL(server.baseUrl).host} sent no complete answer within 300 ms); ${TRANSPORT_HINT}`,
      );
      server.clearFaults();
      server.inject({ kind: 'truncated' });
      const cut = await rejection(call());
      expect(cut.kind).toBe('network');
      expect(cut.message).toMatch(
        /^Test usage: network error \(.*the answer was cut off after \d+ bytes/,
      );
      expect(cut.message).toContain("check the network or the provider's status page");
    } finally {
      await server.close();
    }
  });

  it('reads trailing commas only when the call allows it', async () => {
    const { server, call } = await setup();
    try {
      const text = '{"total": 2, "rows": [{"name": "a,]", "bytes": "5",},\n ],\n}';
      const lenient = await FakeServer.start(() => ({
        text,
        headers: { 'content-type': 'application/json' },
      }));
      try {
        const request = { method: 'GET' as const, url: lenient.baseUrl };
        expect(await call({ request, lenientJson: true })).toEqual({
          total: 2,
          rows: [{ name: 'a,]', bytes: 5 }],
        });
        const strict = await rejection(call({ request }));
        expect(strict.kind).toBe('bad-response');
      } finally {
        await lenient.close();
      }
    } finally {
      await server.close();
    }
  });

  it('does not retry client errors', async () => {
    const { server, call } = await setup();
    try {
      server.inject({ kind: 'status', status: 401 });
      await rejection(call({ retries: 3 }));
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('withoutTrailingCommas', () => {
  it('drops commas before a closing bracket, outside strings only', () => {
    expect(withoutTrailingCommas('[1, 2, ]')).toBe('[1, 2 ]');
    expect(withoutTrailingCommas('{"a": [1,],\n}')).toBe('{"a": [1]\n}');
    expect(withoutTrailingCommas('{"a": "x,]", "b": "q\\",}"}')).toBe(
      '{"a": "x,]", "b": "q\\",}"}',
    );
    expect(withoutTrailingCommas('[1,,]')).toBe('[1,]');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
