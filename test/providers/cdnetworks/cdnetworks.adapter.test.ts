import { describe, expect, it } from 'vitest';
import type { HttpClient } from '../../../src-main/core/http.ts';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import type { Sample } from '../../../src-shared/domain/meter.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import { WATCHED } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import { testHttpClient } from '../../support/http.ts';
import { datesFrom, storageOn, trafficBytes } from './cdnetworks-expected.ts';
import { CURRENT_MONTH, DAY_MS, NOW, harness, tokyoMidnight } from './cdnetworks-setup.ts';

const now = Date.parse(NOW);
const of = (samples: readonly Sample[], meterId: string) =>
  samples.filter((s) => s.meterId === meterId).sort((a, b) => a.at - b.at);

describe('CDNetworks adapter against its fake', () => {
  it('reads Local Storage levels and daily CDN traffic per domain for the GMT+9 month so far', async () => {
    const { ctx } = await harness();
    const usage = ProviderUsageSchema.parse(await cdnetworksAdapter.fetchUsage(ctx, CURRENT_MONTH));
    const november = datesFrom('2026-11-01', '2026-11-21');
    for (const domain of WATCHED) {
      const storage = of(usage.samples, `storage:${domain}`);
      expect(storage.map((s) => s.at)).toEqual(november.map(tokyoMidnight));
      expect(storage.map((s) => s.value)).toEqual(november.map((d) => storageOn(domain, d)));

      const traffic = of(usage.samples, `transfer-total:${domain}`);
      expect(traffic.map((s) => s.at)).toEqual(november.map(tokyoMidnight));
      expect(traffic.map((s) => s.value)).toEqual(
        november.map((d) => trafficBytes(domain, d, now)),
      );
    }
    expect(usage.meters.map((m) => [m.id, m.kind, m.series, m.timeZone])).toEqual([
      ['transfer-total:www.example.com', 'transfer-total', 'delta', 'Etc/GMT-9'],
      ['storage:www.example.com', 'storage', 'gauge', 'Etc/GMT-9'],
      ['transfer-total:img.example.com', 'transfer-total', 'delta', 'Etc/GMT-9'],
      ['storage:img.example.com', 'storage', 'gauge', 'Etc/GMT-9'],
    ]);
  });

  it('asks for GMT+9 explicitly and sends one request per domain and meter for a month', async () => {
    const { ctx, fake } = await harness();
    await cdnetworksAdapter.fetchUsage(ctx, CURRENT_MONTH);
    expect(fake.server.requests).toHaveLength(4);
    expect(fake.server.requests.every((r) => r.headers['x-time-zone'] === 'GMT+09:00')).toBe(true);
    const usage = fake.server.requests.find((r) => r.path === '/api/domain-usage')!;
    expect(JSON.parse(usage.body)).toMatchObject({
      dateFrom: '2026-11-01',
      dateTo: '2026-11-21',
      contract: '40012345-001',
      type: 'd',
    });
    const traffic = fake.server.requests.find((r) => r.path === '/api/report/domaintraffic')!;
    expect(traffic.query.get('dateFrom')).toBe('2026-11-01T00:00:00+09:00');
    // Today's window ends now (21:00 GMT+9), never in the future.
    expect(traffic.query.get('dateTo')).toBe('2026-11-21T21:00:00+09:00');
    expect(traffic.query.get('granularity')).toBe('daily');
  });

  it('gives the same figures when domain-usage answers in the SDK shape instead of the seed envelope', async () => {
    const seed = await harness();
    const sdk = await harness({ fakeOptions: { usageShape: 'sdk' } });
    const a = await cdnetworksAdapter.fetchUsage(seed.ctx, CURRENT_MONTH);
    const b = await cdnetworksAdapter.fetchUsage(sdk.ctx, CURRENT_MONTH);
    expect(sdk.fake.server.requests.some((r) => r.path === '/api/domain-usage')).toBe(true);
    expect(b.samples).toEqual(a.samples);
  });

  it('authenticates with user name and API key when the account chooses that scheme', async () => {
    const { ctx, fake } = await harness({ options: { authScheme: 'api-key' } });
    const usage = await cdnetworksAdapter.fetchUsage(ctx, CURRENT_MONTH);
    expect(of(usage.samples, 'storage:www.example.com').at(-1)!.value).toBe(
      storageOn('www.example.com', '2026-11-21'),
    );
    const first = fake.server.requests[0]!;
    expect(first.headers['x-cnc-date']).toBe('Sat, 21 Nov 2026 12:00:00 GMT');
    expect(first.headers.authorization).toMatch(/^Basic /);
    expect(first.headers['x-cnc-accesskey']).toBeUndefined();
  });

  it('makes traffic-only meters when no Local Storage contract is set', async () => {
    const { ctx, fake } = await harness({ options: { contract: undefined } });
    const usage = await cdnetworksAdapter.fetchUsage(ctx, CURRENT_MONTH);
    expect(usage.meters.map((m) => m.kind)).toEqual(['transfer-total', 'transfer-total']);
    expect(fake.server.requests.every((r) => r.path === '/api/report/domaintraffic')).toBe(true);
  });

  it('reads the traffic unit as MiB when the account says so', async () => {
    const { ctx } = await harness({ options: { trafficUnit: 'MiB', contract: undefined } });
    const usage = await cdnetworksAdapter.fetchUsage(ctx, CURRENT_MONTH);
    const first = of(usage.samples, 'transfer-total:www.example.com')[0]!;
    const megabytes = trafficBytes('www.example.com', '2026-11-01', now) / 1e6;
    expect(first.value).toBe(Math.round(megabytes * 2 ** 20));
  });

  it('lists the account domains for discovery and checks credentials with the cheapest call', async () => {
    const { ctx, fake } = await harness();
    expect(await cdnetworksAdapter.discover(ctx)).toEqual({
      domains: [
        { value: 'www.example.com', label: 'www.example.com · web · Deployed' },
        { value: 'img.example.com', label: 'img.example.com · web-https · Deployed' },
        { value: 'dl.example.org', label: 'dl.example.org · download · InProgress' },
      ],
    });
    expect(await cdnetworksAdapter.checkCredentials(ctx)).toEqual({ identity: 'AKFAKE5QX2LN8Z' });
    expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/domain',
      'GET /api/domain',
    ]);
  });

  it('backfills two years in windows of at most 31 days that the fake accepts, each day once', async () => {
    const { ctx, fake } = await harness();
    const range = { start: now - 900 * DAY_MS, end: now };
    const usage = ProviderUsageSchema.parse(await cdnetworksAdapter.fetchUsage(ctx, range));

    const traffic = of(usage.samples, 'transfer-total:www.example.com');
    // Two years back from 21 Nov 2026 is 21 Nov 2024; the adapter keeps one day of margin.
    const days = datesFrom('2024-11-22', '2026-11-21');
    expect(traffic.map((s) => s.at)).toEqual(days.map(tokyoMidnight));
    const total = traffic.reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(days.reduce((sum, d) => sum + trafficBytes('www.example.com', d, now), 0));
    expect(of(usage.samples, 'storage:img.example.com')).toHaveLength(days.length);

    const windows = Math.ceil(days.length / 31);
    expect(fake.server.requests).toHaveLength(windows * 4);
    for (const request of fake.server.requests.filter((r) => r.path.includes('domaintraffic'))) {
      const span =
        Date.parse(request.query.get('dateTo')!) - Date.parse(request.query.get('dateFrom')!);
      expect(span).toBeLessThanOrEqual(31 * DAY_MS);
    }
  });

  it('never asks for a period after now', async () => {
    const { ctx, fake } = await harness();
    const future = { start: now + DAY_MS, end: now + 40 * DAY_MS };
    expect(await cdnetworksAdapter.fetchUsage(ctx, future)).toMatchObject({ samples: [] });
    expect(fake.server.requests).toHaveLength(0);
    await cdnetworksAdapter.fetchUsage(ctx, { start: CURRENT_MONTH.start, end: now + 9 * DAY_MS });
    const dateTo = fake.server.requests.map((r) => r.query.get('dateTo')).filter(Boolean);
    expect(dateTo).toEqual(['2026-11-21T21:00:00+09:00', '2026-11-21T21:00:00+09:00']);
  });

  it('keeps at most maxConcurrency requests in flight, and does use them', async () => {
    const inner = testHttpClient();
    let inFlight = 0;
    let most = 0;
    const counting: HttpClient = {
      async request(request) {
        most = Math.max(most, ++inFlight);
        try {
          return await inner.request(request);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const { ctx } = await harness({ http: counting, fakeOptions: { latencyMs: 20 } });
    await cdnetworksAdapter.fetchUsage(ctx, { start: now - 180 * DAY_MS, end: now });
    expect(most).toBe(cdnetworksAdapter.descriptor.maxConcurrency);
  });

  it('gives concurrent AK/SK requests distinct timestamps, so the fake accepts them all', async () => {
    const { ctx, fake } = await harness();
    await cdnetworksAdapter.fetchUsage(ctx, { start: now - 120 * DAY_MS, end: now });
    await cdnetworksAdapter.checkCredentials(ctx);
    const stamps = fake.server.requests.map((r) => r.headers['x-cnc-timestamp']);
    expect(new Set(stamps).size).toBe(stamps.length);
    const leads = stamps.map((s) => Number(s) - now / 1000);
    expect(Math.max(...leads)).toBeLessThan(120);
  });
});
