import { describe, expect, it } from 'vitest';
import { startOfMonth } from '../../../src-main/core/time/zoned.ts';
import { memsetAdapter } from '../../../src-main/providers/memset/memset.adapter.ts';
import { KEYS, UK } from '../../fakes/memset/memset.fixture.ts';
import { memsetSetup, methodOf, NOW, rejection } from './memset.setup.ts';

const now = Date.parse(NOW);
const currentPeriod = { start: startOfMonth(now, UK), end: now };
const isInfo = (r: { path: string }) => r.path === '/v1/json/bandwidth.info';

/** Every message a user might see must keep the key out. */
function expectNoSecret(message: string) {
  for (const key of Object.values(KEYS)) expect(message).not.toContain(key);
}

describe('Memset errors: credentials and scopes', () => {
  it('rejects an unknown key as auth, without repeating the key', async () => {
    const { ctx } = await memsetSetup({ apiKey: 'ffffffffffffffffffffffffffffffff' });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('ffffffffffffffffffffffffffffffff');
  });

  it('reads a 403 whose error type says authentication failed as auth, not permission', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'status',
      status: 403,
      json: { error_type: 'ApiErrorAuthFailed', error_code: 1, error: 'Bad API key' },
    });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Bad API key');
  });

  it('names the missing scope when the key may not call bandwidth.info', async () => {
    const { ctx } = await memsetSetup({ apiKey: KEYS.listsOnly, services: ['myserver1'] });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('lacks the scope "bandwidth.info"');
    expect(error.message).toContain('myserver1');
    expect(error.providerMessage).toBe("API key does not have access to method 'bandwidth.info'");
    expectNoSecret(error.message);
  });

  it('names bandwidth.monthly_usage when a backfill lacks that scope', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject(
      {
        kind: 'status',
        status: 403,
        json: { error_type: 'ApiErrorPermissionDenied', error: 'no' },
      },
      { match: (r) => methodOf(r) === 'bandwidth.monthly_usage' },
    );
    const range = { start: Date.parse('2025-01-01T00:00:00Z'), end: now };
    const error = await rejection(memsetAdapter.fetchUsage(ctx, range));
    expect(error.message).toContain('"bandwidth.monthly_usage"');
  });

  it('keeps the bandwidth figures and warns, naming memstore.usage, when only that scope is missing', async () => {
    const { ctx } = await memsetSetup({ apiKey: KEYS.noMemstore, services: ['mstestaa1'] });
    const usage = await memsetAdapter.fetchUsage(ctx, currentPeriod);
    expect(usage.meters.some((m) => m.id === 'transfer-total:mstestaa1:cdn')).toBe(true);
    expect(usage.meters.some((m) => m.kind === 'storage')).toBe(false);
    expect(usage.notices).toEqual([
      { level: 'warning', message: expect.stringContaining('scope "memstore.usage"') as string },
    ]);
  });

  it('checkCredentials names server.list for a key without it and no service to try instead', async () => {
    const bare = await memsetSetup({ apiKey: KEYS.bandwidthOnly, services: [] });
    const error = await rejection(memsetAdapter.checkCredentials(bare.ctx));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('"server.list"');
  });

  it('refuses a stored key with a colon before sending anything', async () => {
    const { ctx, server } = await memsetSetup({ apiKey: 'abc:def' });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('abc:def');
    expect(server.requests).toHaveLength(0);
  });
});

describe('Memset errors: services', () => {
  it("names an unknown service in a not-found error and keeps Memset's message", async () => {
    const { ctx } = await memsetSetup({ services: ['myserver1', 'nosuchbox'] });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('not-found');
    expect(error.status).toBe(404);
    expect(error.message).toContain('"nosuchbox"');
    expect(error.providerMessage).toBe("Couldn't find service with name 'nosuchbox'");
  });

  it('refuses a service name the API could not accept, before any request', async () => {
    const { ctx, server } = await memsetSetup({ services: ['my server'] });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('account "memset-test": option "services": "my server"');
    expect(server.requests).toHaveLength(0);
  });
});

describe('Memset errors: transport and answers', () => {
  it('retries a 5xx with backoff and then reads normally', async () => {
    const { ctx, server, clock } = await memsetSetup({ services: ['myserver1'] });
    server.inject({ kind: 'status', status: 502 }, { times: 1 });
    const usage = await memsetAdapter.fetchUsage(ctx, currentPeriod);
    expect(usage.samples.length).toBeGreaterThan(0);
    expect(server.requests.filter(isInfo)).toHaveLength(2);
    expect(clock.sleeps).toEqual([250]);
  });

  it("reports a lasting 5xx as server after two retries, with Memset's message", async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'status',
      status: 503,
      json: { error_type: 'ApiError', error_code: 0, error: 'Service temporarily unavailable' },
    });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('Service temporarily unavailable');
    expect(server.requests).toHaveLength(3);
  });

  it('reports 429 as rate-limited with its Retry-After', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('gives up on a slow answer as a timeout', async () => {
    const { ctx, server } = await memsetSetup({
      services: ['myserver1'],
      http: { requestTimeoutMs: 300 },
    });
    server.inject({ kind: 'slow', delayMs: 5_000 });
    expect((await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod))).kind).toBe('timeout');
  });

  it('reports a truncated answer as network or bad-response', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({ kind: 'truncated' });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(['network', 'bad-response']).toContain(error.kind);
  });

  it('reports a connection reset as network', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({ kind: 'reset' });
    expect((await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod))).kind).toBe('network');
  });

  it('reports a body that is not JSON as bad-response', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({ kind: 'malformed' });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('not JSON');
  });

  it('reports an oversized answer as bad-response', async () => {
    const { ctx, server } = await memsetSetup({
      services: ['myserver1'],
      http: { maxResponseBytes: 4_096 },
    });
    server.inject({ kind: 'oversized', bytes: 50_000 });
    expect((await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod))).kind).toBe(
      'bad-response',
    );
  });

  it('names the field when the answer changes shape', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'reshape',
      transform: (json) => {
        const info = json as { server: Record<string, unknown> };
        delete info.server.bytes_out;
        return info;
      },
    });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('server.bytes_out');
  });

  it('reads byte counts sent as numeric strings, and refuses words', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    const setBytesIn = (value: unknown) => (json: unknown) => {
      (json as { server: Record<string, unknown> }).server.bytes_in = value;
      return json;
    };
    server.inject({ kind: 'reshape', transform: setBytesIn('1234.0') }, { times: 1 });
    const usage = await memsetAdapter.fetchUsage(ctx, currentPeriod);
    expect(usage.samples.find((s) => s.meterId === 'transfer-in:myserver1:server')?.value).toBe(
      1234,
    );
    server.inject({ kind: 'reshape', transform: setBytesIn('lots') }, { times: 1 });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.message).toContain('server.bytes_in');
  });

  it('treats an HTTP 200 that carries an error body as that error, never as data', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'status',
      status: 200,
      json: { error_type: 'ApiErrorDoesNotExist', error_code: 3, error: "Couldn't find service" },
    });
    const error = await rejection(memsetAdapter.fetchUsage(ctx, currentPeriod));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain("Couldn't find service");
  });
});
