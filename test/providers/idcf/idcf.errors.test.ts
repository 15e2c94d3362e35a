import { describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import { MAX_RATE_LIMIT_WAIT_MS } from '../../../src-main/providers/rate-limit.ts';
import { IDCF_REFERENCE } from '../../fakes/idcf/idcf.fixture.ts';
import type { Fault } from '../../fakes/fake-server.ts';
import { idcfSetup, jstRange } from './idcf-setup.ts';

const NOVEMBER = '2026-11-01T00:00:00+09:00';

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Reads this month; resolves to the error it fails with. */
async function failingRead(setup: Awaited<ReturnType<typeof idcfSetup>>) {
  const { adapter, ctx } = setup;
  return rejection(adapter.fetchUsage(ctx, jstRange(NOVEMBER, ctx.clock.now())));
}

describe('IDCF adapter: authentication', () => {
  it('rejects a wrong secret key like IDCF does: auth, with IDCF’s message, no secret in it', async () => {
    const setup = await idcfSetup();
    const secretKey = 'W'.repeat(86);
    const error = await failingRead(
      await idcfSetup({ credentials: { ...setup.fake.credentials, secretKey } }),
    );
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'IDCF billing for 2026-11: credentials rejected (HTTP 401): Invalid signature',
    );
    expect(error.message).not.toContain(secretKey);
  });

  it('rejects an expired signature like IDCF does (the local clock is an hour slow)', async () => {
    const error = await failingRead(await idcfSetup({ fakeAheadMs: 3_600_000 }));
    expect(error.kind).toBe('auth');
    expect(error.providerMessage).toBe('Signature expired');
  });

  it('stops before any request when a credential is missing or not shaped like an IDCF key', async () => {
    const setup = await idcfSetup({ credentials: { apiKey: 'x'.repeat(86) } });
    const missing = await failingRead(setup);
    expect(missing.kind).toBe('auth');
    expect(missing.message).toContain('credential "secretKey" is not set');
    const pasted = await failingRead(
      await idcfSetup({ credentials: { apiKey: 'a b\n', secretKey: 'y'.repeat(86) } }),
    );
    expect(pasted.kind).toBe('auth');
    expect(pasted.message).toContain('"apiKey" does not look like an IDCF key');
    expect(setup.fake.server.requests).toHaveLength(0);
  });

  it('reads IDCF’s 401 for a malformed month as a refused request, not as bad credentials', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 401,
      json: { message: 'invalid date format(YYYY-MM)', reference: IDCF_REFERENCE },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('invalid-request');
    expect(error.providerMessage).toBe('invalid date format(YYYY-MM)');
  });

  it('maps 403 to permission and keeps IDCF’s message', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 403,
      json: { message: 'This API key may not use the billing API', reference: IDCF_REFERENCE },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('permission');
    expect(error.providerMessage).toBe('This API key may not use the billing API');
  });
});

describe('IDCF adapter: server faults', () => {
  it('retries a 5xx and then reads normally', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject(
      { kind: 'status', status: 503, headers: { 'retry-after': '2' } },
      { times: 1 },
    );
    const usage = await setup.adapter.fetchUsage(
      setup.ctx,
      jstRange(NOVEMBER, setup.ctx.clock.now()),
    );
    expect(usage.samples.length).toBeGreaterThan(0);
    expect(setup.fake.server.requests).toHaveLength(2);
    expect(setup.clock.sleeps).toEqual([2_000]);
    // The retry was signed afresh: its expiry follows the clock that moved during the wait.
    const [first, second] = setup.fake.server.requests;
    expect(first!.headers['x-idcf-signature']).not.toBe(second!.headers['x-idcf-signature']);
  });

  it('reports server when every attempt fails with 5xx', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 500,
      json: { message: 'Internal Server Error', reference: IDCF_REFERENCE },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('server');
    expect(error.message).toContain('Internal Server Error');
    expect(setup.fake.server.requests).toHaveLength(3);
  });

  it('turns a 404 for the current month, past its first days, into not-found', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 404,
      json: { message: 'Record not found', reference: IDCF_REFERENCE },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('IDCF billing for 2026-11: not found (HTTP 404): Record not found');
  });

  it('times out on an answer slower than the deadline, well within the test', async () => {
    const setup = await idcfSetup({ http: { requestTimeoutMs: 300 } });
    setup.fake.server.inject({ kind: 'slow', delayMs: 5_000 });
    const started = performance.now();
    const error = await failingRead(setup);
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each<[string, Fault, readonly string[]]>([
    ['truncated', { kind: 'truncated' }, ['network', 'bad-response']],
    ['malformed', { kind: 'malformed' }, ['bad-response']],
    ['oversized', { kind: 'oversized', bytes: 200_000 }, ['bad-response']],
  ])('reports a %s answer as an error, never as data', async (_name, fault, kinds) => {
    const setup = await idcfSetup({ http: { maxResponseBytes: 64 * 1024 } });
    setup.fake.server.inject(fault);
    const error = await failingRead(setup);
    expect(kinds).toContain(error.kind);
  });
});

describe('IDCF adapter: changed or broken answers', () => {
  type Bill = { meta: Record<string, unknown>; data: Record<string, unknown>[] };
  const reshape = (transform: (bill: Bill) => unknown): Fault => ({
    kind: 'reshape',
    transform: (json) => transform(structuredClone(json) as Bill),
  });

  it.each<[string, Fault, string]>([
    [
      'a transfer row without Usage',
      reshape((bill) => {
        delete bill.data[0]!.Usage;
        return bill;
      }),
      'data[0].Usage: missing on an "Internet Data Transfer" row',
    ],
    [
      'a Net that is not a number',
      reshape((bill) => {
        bill.data[2]!.Net = 'twelve';
        return bill;
      }),
      'data[2].Net: expected a number or a numeric string',
    ],
    ['rows under another key', reshape(({ meta, data }) => ({ meta, rows: data })), 'data:'],
    [
      'a malformed billing_period_end_at',
      reshape((bill) => {
        bill.meta.billing_period_end_at = '20/11/2026';
        return bill;
      }),
      'meta.billing_period_end_at: expected a date as YYYY-MM-DD',
    ],
  ])('reports %s as bad-response naming the field', async (_name, fault, field) => {
    const setup = await idcfSetup();
    setup.fake.server.inject(fault);
    const error = await failingRead(setup);
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain(field);
  });

  it('treats an HTTP 200 carrying IDCF’s error body as an error, never as data', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject(
      reshape(() => ({ message: 'Record not found', reference: IDCF_REFERENCE })),
    );
    const error = await failingRead(setup);
    expect(error.kind).toBe('not-found');
    expect(error.status).toBe(200);
    expect(error.providerMessage).toBe('Record not found');
  });
});

describe('IDCF adapter: rate limits', () => {
  it('maps a 429 with Retry-After to rate-limited with that wait', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 429,
      json: { message: 'Rate limit exceeded', reference: IDCF_REFERENCE },
      headers: { 'retry-after': '30' },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.providerMessage).toBe('Rate limit exceeded');
  });

  it('takes the wait from x-idcf-limit-reset when a 429 has no Retry-After', async () => {
    const setup = await idcfSetup();
    setup.fake.server.inject({
      kind: 'status',
      status: 429,
      json: { message: 'Rate limit exceeded', reference: IDCF_REFERENCE },
      headers: {
        'x-idcf-limit-max': '100',
        'x-idcf-limit-remaining': '0',
        'x-idcf-limit-reset': '42',
      },
    });
    const error = await failingRead(setup);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(42_000);
  });

  it('waits out a short rate-limit window instead of running into IDCF’s 429', async () => {
    const setup = await idcfSetup({ fake: { limitMax: 3, limitWindowSeconds: 10 } });
    const usage = await setup.adapter.fetchUsage(
      setup.ctx,
      jstRange('2025-11-01T00:00:00+09:00', setup.ctx.clock.now()),
    );
    // 1 history call + 13 months, 3 per 10 s window: it had to wait, and every call succeeded.
    expect(setup.fake.server.requests).toHaveLength(14);
    expect(usage.samples.length).toBeGreaterThan(0);
    expect(setup.clock.sleeps.length).toBeGreaterThan(0);
    for (const ms of setup.clock.sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(10_000);
    }
  });

  it('fails with rate-limited, without sending more, when the window resets too late to wait', async () => {
    const setup = await idcfSetup({ fake: { limitMax: 3, limitWindowSeconds: 120 } });
    const error = await rejection(
      setup.adapter.fetchUsage(
        setup.ctx,
        jstRange('2025-11-01T00:00:00+09:00', setup.ctx.clock.now()),
      ),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(MAX_RATE_LIMIT_WAIT_MS);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    // Calls already on their way still land; none beyond the window's 3 is ever sent.
    await vi.waitFor(() => expect(setup.fake.server.requests).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(setup.fake.server.requests).toHaveLength(3);
    // The next read of the same account does not knock on IDCF's door before the reset.
    const again = await failingRead(setup);
    expect(again.kind).toBe('rate-limited');
    expect(setup.fake.server.requests).toHaveLength(3);
  });
});
