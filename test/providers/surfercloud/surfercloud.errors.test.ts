import { describe, expect, it } from 'vitest';
import { surfercloudAdapter } from '../../../src-main/providers/surfercloud/surfercloud.adapter.ts';
import type { FakeRequest } from '../../fakes/fake-server.ts';
import { FAKE_KEYS } from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { MONTH_START, NOW, rejection, setup } from './support.ts';

const month = { start: MONTH_START, end: Date.parse(NOW) };
const billing = (r: FakeRequest) => r.query.get('Action') === 'GetThroughputDailyBillingInfo';
const regions = (r: FakeRequest) => r.query.get('Action') === 'GetRegion';

/** Every message must be free of the private key, whatever went wrong. */
function expectNoSecret(message: string) {
  expect(message).not.toContain(FAKE_KEYS.main.privateKey);
  expect(message).not.toContain(FAKE_KEYS.restricted.privateKey);
}

describe('SurferCloud errors', () => {
  it("rejects a wrong private key as auth, with SurferCloud's own message", async () => {
    const { ctx } = await setup({
      credentials: { publicKey: FAKE_KEYS.main.publicKey, privateKey: 'f'.repeat(40) },
    });
    const error = await rejection(surfercloudAdapter.checkCredentials(ctx));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      'SurferCloud GetRegion: credentials rejected: RetCode 171: Signature VerifyAC Error (the private key does not match the public key)',
    );
  });

  it('rejects an unknown public key as auth (RetCode 172)', async () => {
    const { ctx } = await setup({
      credentials: {
        publicKey: 'ucloudnobody@example.com1',
        privateKey: FAKE_KEYS.main.privateKey,
      },
    });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('RetCode 172: User Not Exists');
    expectNoSecret(error.message);
  });

  it('reports a key without UNet access as a permission problem', async () => {
    const { ctx } = await setup({ credentials: { ...FAKE_KEYS.restricted } });
    expect(await surfercloudAdapter.checkCredentials(ctx)).toEqual({ identity: null });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('Permission denied: no access to DescribeEIP');
  });

  it('retries HTTP 5xx with backoff and then succeeds', async () => {
    const { fake, clock, ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, eips: ['eip-hk00'] } }),
    });
    fake.server.inject({ kind: 'status', status: 503 }, { times: 2, match: billing });
    const usage = await surfercloudAdapter.fetchUsage(ctx, month);
    expect(usage.samples.length).toBeGreaterThan(0);
    expect(clock.sleeps).toEqual([250, 500]);
    expect(fake.server.requests.filter(billing)).toHaveLength(3);
  });

  it('gives up on a lasting HTTP 502 as a server error after two retries', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject(
      { kind: 'status', status: 502, json: { RetCode: 150, Message: 'Service Unavailable' } },
      { match: regions },
    );
    const error = await rejection(surfercloudAdapter.checkCredentials(ctx));
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      'SurferCloud GetRegion: provider error (HTTP 502): RetCode 150: Service Unavailable',
    );
    expect(fake.server.requests).toHaveLength(3);
  });

  it.each([
    [150, 'Service Unavailable', 'server', 3],
    [110, 'API response timeout', 'server', 3],
    [2001, 'Internal error', 'server', 3],
    [5002, 'EIP [eip-x] not found', 'not-found', 1],
    [230, 'Params [Region] not available', 'invalid-request', 1],
    [171, 'Signature VerifyAC Error', 'auth', 1],
    [174, 'Permission denied', 'permission', 1],
    [118, 'Too many requests, please slow down', 'rate-limited', 1],
  ] as const)(
    'turns an HTTP 200 with RetCode %i into %s (never data), sent %i time(s)',
    async (code, message, kind, attempts) => {
      const { fake, ctx } = await setup();
      fake.server.inject(
        {
          kind: 'status',
          status: 200,
          json: {
            RetCode: code,
            Action: 'GetRegionResponse',
            Message: message,
            Regions: [{ Region: 'x' }],
          },
        },
        { match: regions },
      );
      const error = await rejection(surfercloudAdapter.checkCredentials(ctx));
      expect(error.kind).toBe(kind);
      expect(error.message).toContain(`RetCode ${code}: ${message}`);
      expect(fake.server.requests).toHaveLength(attempts);
    },
  );

  it('reads HTTP 429 as rate-limited with its Retry-After, without retrying', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(30_000);
    expect(fake.server.requests).toHaveLength(1);
  });

  it('times out on an answer slower than the client allows, quickly', async () => {
    const { fake, ctx } = await setup({ http: { requestTimeoutMs: 300 } });
    fake.server.inject({ kind: 'slow', delayMs: 5_000 }, { match: regions });
    const started = performance.now();
    const error = await rejection(surfercloudAdapter.checkCredentials(ctx));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('treats a cut-off answer as a network or bad-response error', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject({ kind: 'truncated' }, { match: billing, times: 1 });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(['network', 'bad-response']).toContain(error.kind);
  });

  it('treats a body that is not JSON as a bad response', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject({ kind: 'malformed' }, { match: billing, times: 1 });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/answer is not JSON/);
  });

  it('refuses an oversized answer as a bad response', async () => {
    const { fake, ctx } = await setup({ http: { maxResponseBytes: 16_384 } });
    fake.server.inject({ kind: 'oversized', bytes: 100_000 }, { match: regions });
    const error = await rejection(surfercloudAdapter.checkCredentials(ctx));
    expect(error.kind).toBe('bad-response');
  });

  it('names the field when the billing answer changed its schema', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject(
      {
        kind: 'reshape',
        transform: (json) => {
          const body = json as { Stats: Record<string, unknown>[] };
          body.Stats = body.Stats.map(({ QuantityOut, ...rest }) => ({
            ...rest,
            Quantity: QuantityOut,
          }));
          return body;
        },
      },
      { match: (r) => billing(r) && r.body.includes('EIPId=eip-usca01&'), times: 1 },
    );
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/Stats\[0\]\.QuantityOut/);
  });

  it('refuses a billing answer without Stats rather than reading it as zero', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject(
      {
        kind: 'reshape',
        transform: (json) => ({ ...(json as object), Stats: undefined }),
      },
      // An EIP with traffic: for one without any, no Stats is a believable "nothing used".
      { match: (r) => billing(r) && r.body.includes('EIPId=eip-usca01&'), times: 1 },
    );
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/Stats: missing/);
  });

  it('reads numbers sent as strings, and refuses text where a number belongs', async () => {
    const { fake, ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, eips: ['eip-hk00'] } }),
    });
    const stringify = (json: unknown) => {
      const body = json as { Stats: Record<string, unknown>[] };
      body.Stats = body.Stats.map((s) => ({
        ...s,
        QuantityOut: String(s.QuantityOut),
        StartTime: String(s.StartTime),
      }));
      return body;
    };
    fake.server.inject({ kind: 'reshape', transform: stringify }, { match: billing, times: 1 });
    const usage = await surfercloudAdapter.fetchUsage(ctx, month);
    expect(usage.samples.length).toBeGreaterThan(0);
    fake.server.inject(
      { kind: 'reshape', transform: (json) => ({ ...(json as object), TotalCount: 'many' }) },
      { match: (r) => r.query.get('Action') === 'DescribeEIP', times: 1 },
    );
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/TotalCount/);
  });

  it('refuses an answer about another EIP', async () => {
    const { fake, ctx } = await setup();
    fake.server.inject(
      { kind: 'reshape', transform: (json) => ({ ...(json as object), EIPId: 'eip-other' }) },
      { match: billing, times: 1 },
    );
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('EIPId: the answer is for eip-other');
  });
});
