import { describe, expect, it } from 'vitest';
import { seewebAdapter } from '../../../src-main/providers/seeweb/seeweb.adapter.ts';
import type { FakeRequest } from '../../fakes/fake-server.ts';
import { SEEWEB_FAKE_TOKEN } from '../../fakes/seeweb/seeweb.fixture.ts';
import {
  billingRequests,
  fixtureMonth,
  providerFailure,
  sampleValue,
  seewebSetup,
} from './seeweb.setup.ts';

const NOW = '2026-11-21T12:00:00Z';
const NOVEMBER = '2026-11-01T00:00:00+01:00';
const servers = { match: (r: FakeRequest) => r.path.includes('/billing/servers/') };
const snapshots = { match: (r: FakeRequest) => r.path.includes('/billing/snapshots/') };

type Row = Record<string, unknown>;
const mapRows = (transform: (row: Row) => Row) => (json: unknown) => (json as Row[]).map(transform);

describe('Seeweb errors', () => {
  it('401 in the Go client’s wrapped shape is auth, with Seeweb’s message kept', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({
      kind: 'status',
      status: 401,
      json: { error: { error_code: 401, status: 'error', message: 'Token revoked' } },
    });
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Token revoked');
    expect(error.message).not.toContain(SEEWEB_FAKE_TOKEN);
  });

  it('403 is a permission error', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({
      kind: 'status',
      status: 403,
      json: { status: 'error', error_code: 403, message: 'Billing not allowed for this token' },
    });
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('permission');
    expect(error.providerMessage).toBe('Billing not allowed for this token');
  });

  it('404 is not-found', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({
      kind: 'status',
      status: 404,
      json: { status: 'error', error_code: 404, message: 'Not found' },
    });
    expect((await providerFailure(fetchUsage(NOVEMBER))).kind).toBe('not-found');
  });

  it('a refused month (400) is invalid-request with Seeweb’s reason', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      {
        kind: 'status',
        status: 400,
        json: { status: 'error', error_code: 400, message: 'Future dates are not allowed' },
      },
      servers,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Future dates are not allowed');
    expect(error.message).toContain('2026-11');
  });

  it('a 5xx is retried with backoff and the poll still succeeds', async () => {
    const { fake, clock, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({ kind: 'status', status: 503 }, { ...servers, times: 1 });
    const usage = await fetchUsage(NOVEMBER);
    expect(sampleValue(usage, 'cost-total', NOW)).toBe(fixtureMonth(0).total);
    expect(billingRequests(fake).filter((p) => p.startsWith('servers/'))).toHaveLength(2);
    expect(clock.sleeps).toEqual([250]);
  });

  it('a 5xx that persists is a server error after two retries', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      {
        kind: 'status',
        status: 502,
        json: { status: 'error', error_code: 502, message: 'Bad gateway' },
      },
      servers,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('server');
    expect(billingRequests(fake).filter((p) => p.startsWith('servers/'))).toHaveLength(3);
  });

  it('429 is rate-limited with the Retry-After delay', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('an answer slower than the deadline is a timeout, well within the test', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW, { http: { requestTimeoutMs: 300 } });
    fake.server.inject({ kind: 'slow', delayMs: 5_000 });
    const started = performance.now();
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('a truncated answer is a network or bad-response error, never data', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({ kind: 'truncated' }, servers);
    expect(['network', 'bad-response']).toContain(
      (await providerFailure(fetchUsage(NOVEMBER))).kind,
    );
  });

  it('an answer with trailing commas, like the docs’ example, is read with the same figures', async () => {
    const strict = await seewebSetup(NOW);
    const lenient = await seewebSetup(NOW);
    lenient.fake.trailingCommas = true;
    const expected = await strict.fetchUsage(NOVEMBER);
    expect(await lenient.fetchUsage(NOVEMBER)).toEqual(expected);
    expect(expected.samples.length).toBeGreaterThan(0);
  });

  it('a year and month sent as numeric strings, like other numbers, are read the same', async () => {
    const plain = await seewebSetup(NOW);
    const drifted = await seewebSetup(NOW);
    drifted.fake.server.inject(
      {
        kind: 'reshape',
        transform: mapRows((row) => ({ ...row, year: String(row.year), month: String(row.month) })),
      },
      servers,
    );
    expect(await drifted.fetchUsage(NOVEMBER)).toEqual(await plain.fetchUsage(NOVEMBER));
  });

  it('a body that is not JSON is bad-response, naming the call', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({ kind: 'malformed' }, snapshots);
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('snapshot billing for 2026-11');
  });

  it('an oversized answer is bad-response', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW, { http: { maxResponseBytes: 64 * 1024 } });
    fake.server.inject({ kind: 'oversized', bytes: 256 * 1024 }, servers);
    expect((await providerFailure(fetchUsage(NOVEMBER))).kind).toBe('bad-response');
  });

  it('a changed schema is bad-response naming the field', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      { kind: 'reshape', transform: mapRows(({ cost, ...row }) => ({ ...row, costo: cost })) },
      servers,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('[0].cost');
  });

  it('snapshots answered as an array instead of the documented object are bad-response', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      { kind: 'reshape', transform: (json) => (json as { snapshots: unknown[] }).snapshots },
      snapshots,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('snapshot billing');
  });

  it('a server list under a plural key is bad-response naming `server`', async () => {
    const { fake, ctx } = await seewebSetup(NOW);
    fake.server.inject({
      kind: 'reshape',
      transform: (json) => {
        const { server, ...rest } = json as { server: unknown };
        return { ...rest, servers: server };
      },
    });
    const error = await providerFailure(seewebAdapter.discover(ctx));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('server');
  });

  it('a row for another month than the one asked is bad-response, not silently mixed in', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      { kind: 'reshape', transform: mapRows((row) => ({ ...row, month: 10 })) },
      servers,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('not 2026-11');
  });

  it('amounts sent as numeric strings are read as numbers', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      { kind: 'reshape', transform: mapRows((row) => ({ ...row, cost: String(row.cost) })) },
      servers,
    );
    const usage = await fetchUsage(NOVEMBER);
    expect(sampleValue(usage, 'cost-total', NOW)).toBe(fixtureMonth(0).total);
  });

  it('an amount that is not a number is bad-response, never a silent zero', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject(
      { kind: 'reshape', transform: (json) => ({ ...(json as Row), total_cost: 'n/a' }) },
      snapshots,
    );
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('total_cost');
  });

  it.each([
    [{ status: 'error', error_code: 401, message: 'Token expired' }, 'auth'],
    [{ status: 'error', error_code: 500, message: 'Internal error' }, 'server'],
    [{ error: 'Something went wrong' }, 'server'],
  ])('an HTTP 200 error envelope %j is a %s error, never data', async (json, kind) => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.server.inject({ kind: 'status', status: 200, json }, snapshots);
    const error = await providerFailure(fetchUsage(NOVEMBER));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(200);
  });
});
