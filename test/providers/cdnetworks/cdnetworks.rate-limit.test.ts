import { describe, expect, it } from 'vitest';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import { CONTRACT, WATCHED } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import { datesFrom } from './cdnetworks-expected.ts';
import { CURRENT_MONTH, DAY_MS, NOW, harness, rejection } from './cdnetworks-setup.ts';

const now = Date.parse(NOW);
const FIVE_MINUTES = 5 * 60_000;

/** Eight more domains on the Local Storage contract: ten watched in all. */
const EXTRA = Array.from({ length: 8 }, (_, i) => ({
  name: `cdn${i}.example.net`,
  id: 200 + i,
  contract: CONTRACT,
  serviceType: 'web',
  status: 'Deployed' as const,
}));
const TEN_DOMAINS = [...WATCHED, ...EXTRA.map((d) => d.name)];

/** Two years back from NOW, as a backfill asks: it ends where the current month starts. */
const BACKFILL = { start: now - 800 * DAY_MS, end: CURRENT_MONTH.start };

describe('CDNetworks adapter: the documented 300 requests per 5 minutes', () => {
  it('paces a two-year backfill of ten domains under the limit, with room left for polls', async () => {
    const h = await harness({
      fakeOptions: { extraDomains: EXTRA },
      options: { domains: TEN_DOMAINS },
      fakeFollowsClock: true,
    });
    const usage = await cdnetworksAdapter.fetchUsage(h.ctx, BACKFILL);

    // 24 windows of up to 31 days × 2 meters × 10 domains: far more than one window allows.
    const days = datesFrom('2024-11-22', '2026-10-31');
    const windows = Math.ceil(days.length / 31);
    expect(h.fake.server.requests).toHaveLength(windows * 2 * TEN_DOMAINS.length);
    expect(h.fake.refusedAsTooFrequent).toBe(0);
    expect(h.fake.busiestWindow).toBeLessThanOrEqual(200);
    expect(h.clock.sleeps.some((ms) => ms > 60_000)).toBe(true);
    for (const domain of TEN_DOMAINS) {
      const traffic = usage.samples.filter((s) => s.meterId === `transfer-total:${domain}`);
      expect(traffic).toHaveLength(days.length);
    }

    // A poll right after the backfill finds the room the backfill left, without waiting.
    const sleepsBefore = h.clock.sleeps.length;
    const poll = { start: CURRENT_MONTH.start, end: h.clock.now() };
    await cdnetworksAdapter.fetchUsage(h.ctx, poll);
    expect(h.clock.sleeps).toHaveLength(sleepsBefore);
    expect(h.fake.refusedAsTooFrequent).toBe(0);
    expect(h.fake.busiestWindow).toBeLessThanOrEqual(270);
  });

  it('after the provider refused a call as too frequent, sends nothing more until the window is over', async () => {
    const h = await harness({ fakeOptions: { rateLimit: 2 } });
    const first = await rejection(cdnetworksAdapter.fetchUsage(h.ctx, CURRENT_MONTH));
    expect(first.kind).toBe('rate-limited');
    const sent = h.fake.server.requests.length;

    const again = await rejection(cdnetworksAdapter.fetchUsage(h.ctx, CURRENT_MONTH));
    expect(again.kind).toBe('rate-limited');
    expect(again.retryAfterMs).toBeGreaterThan(FIVE_MINUTES - 60_000);
    expect(again.retryAfterMs).toBeLessThanOrEqual(FIVE_MINUTES);
    expect(again.message).toMatch(/^CDNetworks .*: rate limited: .*again in \d+ s/);
    expect(h.fake.server.requests).toHaveLength(sent);
  });

  it('fails a 5xx with a long Retry-After at once, carrying the wait, instead of sleeping through it', async () => {
    const h = await harness();
    h.fake.server.inject({
      kind: 'status',
      status: 503,
      json: { code: '24102500', message: 'maintenance' },
      headers: { 'retry-after': '3600' },
    });
    const error = await rejection(cdnetworksAdapter.fetchUsage(h.ctx, CURRENT_MONTH));
    expect(error.kind).toBe('server');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(h.clock.sleeps.every((ms) => ms <= 5_000)).toBe(true);
    // No retry was sent: each request failed once and the read gave up.
    expect(h.fake.server.requests.length).toBeLessThanOrEqual(4);
  });

  it('sends no dateTo after now for the window of today', async () => {
    const h = await harness({ options: { contract: undefined, domains: ['www.example.com'] } });
    await cdnetworksAdapter.fetchUsage(h.ctx, { start: now - 40 * DAY_MS, end: now });
    const dateTos = h.fake.server.requests.map((r) => r.query.get('dateTo')!).sort();
    expect(dateTos).toEqual(['2026-11-12T00:00:00+09:00', '2026-11-21T21:00:00+09:00']);
    for (const dateTo of dateTos) expect(Date.parse(dateTo)).toBeLessThanOrEqual(now);
  });
});
