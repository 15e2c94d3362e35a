import { describe, expect, it } from 'vitest';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import { OTHER_CONTRACT } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import { testHttpClient } from '../../support/http.ts';
import { CURRENT_MONTH, NOW, harness, rejection } from './cdnetworks-setup.ts';

const fetchMonth = (h: Awaited<ReturnType<typeof harness>>) =>
  cdnetworksAdapter.fetchUsage(h.ctx, CURRENT_MONTH);
const isUsage = (r: { path: string }) => r.path === '/api/domain-usage';
const INTERNAL = {
  code: '24102500',
  message: 'We encountered an internal error. Please try again.',
};

describe('CDNetworks adapter: authentication failures', () => {
  it('reports a wrong AK/SK secret as auth, keeping the provider message and no secret', async () => {
    const h = await harness({ credentials: { secretKey: 'not-the-secret' } });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('the signature is wrong');
    expect(error.message).toMatch(/request id fake-\d+/);
    expect(error.message).not.toContain('not-the-secret');
  });

  it('reports an AK/SK timestamp more than 5 minutes off as auth (a wrong local clock)', async () => {
    const h = await harness({ clockAt: Date.parse(NOW) - 6 * 60_000 });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('5 minutes');
  });

  it('reports a wrong API key and an expired date as auth under the API-key scheme', async () => {
    const wrong = await harness({
      options: { authScheme: 'api-key' },
      credentials: { apiKey: 'wrong-key' },
    });
    expect((await rejection(fetchMonth(wrong))).kind).toBe('auth');
    const late = await harness({
      options: { authScheme: 'api-key' },
      clockAt: Date.parse(NOW) + 10 * 60_000,
    });
    const error = await rejection(fetchMonth(late));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('expired');
  });

  it('names the credential the chosen scheme lacks, before sending anything', async () => {
    const aksk = await harness({ credentials: { secretKey: undefined } });
    const error = await rejection(fetchMonth(aksk));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('authScheme "aksk" needs credential "secretKey"');
    expect(error.message).toContain('cloudmeter secret set cdnetworks-fake secretKey');
    const apiKey = await harness({
      options: { authScheme: 'api-key', userName: undefined },
      credentials: { userName: undefined },
    });
    expect((await rejection(fetchMonth(apiKey))).message).toContain('needs credential "userName"');
    expect(aksk.fake.server.requests).toHaveLength(0);
    expect(apiKey.fake.server.requests).toHaveLength(0);
  });
});

describe('CDNetworks adapter: provider errors', () => {
  it('maps "No contract permission" (34102022) to permission, naming the contract', async () => {
    const h = await harness();
    h.fake.contracts = [OTHER_CONTRACT];
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('contract 40012345-001');
    expect(error.message).toContain('No contract permission; code 34102022');
  });

  it('maps "Domain not found" (24102008) to not-found, naming the domain', async () => {
    const h = await harness({ options: { domains: ['gone.example.com'] } });
    // Only the Local Storage call is looked at: the traffic report refuses the domain too.
    h.fake.server.inject(
      { kind: 'slow', delayMs: 200 },
      { match: (r) => r.path.includes('domaintraffic') },
    );
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('Local Storage usage of gone.example.com');
    expect(error.message).toContain('Domain not found; code 24102008');
  });

  it('retries a 5xx and then succeeds', async () => {
    const h = await harness();
    h.fake.server.inject(
      { kind: 'status', status: 500, json: INTERNAL },
      { times: 1, match: isUsage },
    );
    const usage = await fetchMonth(h);
    expect(usage.samples.length).toBeGreaterThan(0);
    expect(h.fake.server.requests.filter(isUsage)).toHaveLength(3);
    expect(h.clock.sleeps).toEqual([250]);
  });

  it('reports a lasting 5xx as server after two retries, each signed afresh', async () => {
    const h = await harness();
    h.fake.server.inject({ kind: 'status', status: 500, json: INTERNAL }, { match: isUsage });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('We encountered an internal error');
    const attempts = h.fake.server.requests.filter(isUsage).slice(0, 3);
    const stamps = new Set(attempts.map((r) => r.headers['x-cnc-timestamp']));
    expect(stamps.size).toBe(attempts.length);
  });

  it('reports HTTP 429 as rate-limited with its Retry-After', async () => {
    const h = await harness();
    h.fake.server.inject({ kind: 'status', status: 429, headers: { 'retry-after': '42' } });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(42_000);
  });

  it("reports CDNetworks' own rate-limit code as rate-limited, waiting out the 5-minute window", async () => {
    const h = await harness({ fakeOptions: { rateLimit: 2 } });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('WPLUS_AccountApiTooFrequence');
    expect(error.retryAfterMs).toBe(5 * 60_000);
  });

  it('treats an HTTP 200 answer with an error code as an error, never as data', async () => {
    const h = await harness();
    h.fake.server.inject(
      {
        kind: 'status',
        status: 200,
        json: { code: '24102023', message: 'Failed to get ids. Please check the domain.' },
      },
      { match: isUsage },
    );
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('Failed to get ids');
    h.fake.server.clearFaults();
    h.fake.server.inject({
      kind: 'status',
      status: 200,
      json: { code: '1', message: 'busy', data: [] },
    });
    expect((await rejection(fetchMonth(h))).kind).toBe('server');
  });
});

describe('CDNetworks adapter: broken answers', () => {
  it('gives up on a slow answer as timeout well within the test', async () => {
    const h = await harness({ http: testHttpClient({ requestTimeoutMs: 300 }) });
    h.fake.server.inject({ kind: 'slow', delayMs: 5_000 });
    const started = Date.now();
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('reports a truncated answer as network or bad-response', async () => {
    const h = await harness();
    h.fake.server.inject({ kind: 'truncated' });
    expect(['network', 'bad-response']).toContain((await rejection(fetchMonth(h))).kind);
  });

  it('reports a malformed answer as bad-response', async () => {
    const h = await harness();
    h.fake.server.inject({ kind: 'malformed' });
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('not JSON');
  });

  it('reports an oversized answer as bad-response', async () => {
    const h = await harness({ http: testHttpClient({ maxResponseBytes: 64 * 1024 }) });
    h.fake.server.inject({ kind: 'oversized', bytes: 256 * 1024 });
    expect((await rejection(fetchMonth(h))).kind).toBe('bad-response');
  });

  it('names the field when the usage answer changes shape', async () => {
    const h = await harness();
    h.fake.server.inject(
      {
        kind: 'reshape',
        transform: (json) => {
          const body = json as { data: { usage: unknown }[] };
          body.data[2]!.usage = '1.5 GB';
          return body;
        },
      },
      { match: isUsage },
    );
    const error = await rejection(fetchMonth(h));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain(
      '(HTTP 200): data[2].usage: expected bytes as a decimal string',
    );
  });

  it('names the field when the SDK-shaped usage answer or the traffic answer changes', async () => {
    const h = await harness({ fakeOptions: { usageShape: 'sdk' } });
    h.fake.server.inject(
      {
        kind: 'reshape',
        transform: (json) => ({ ...(json as object), usage: undefined, rows: [] }),
      },
      { match: isUsage },
    );
    expect((await rejection(fetchMonth(h))).message).toMatch(/usage: .*expected array/);
    h.fake.server.clearFaults();
    h.fake.server.inject(
      {
        kind: 'reshape',
        transform: (json) => ({
          ...(json as object),
          dataSeries: [{ time: '2026-11-01', traffic: 1 }],
        }),
      },
      { match: (r) => r.path.includes('domaintraffic') },
    );
    expect((await rejection(fetchMonth(h))).message).toContain('dataSeries[0].timestamp');
  });
});
