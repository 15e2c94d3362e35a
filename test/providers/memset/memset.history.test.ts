import { describe, expect, it } from 'vitest';
import type { HttpClient } from '../../../src-main/core/http.ts';
import { startOfDate, startOfMonth } from '../../../src-main/core/time/zoned.ts';
import { memsetAdapter } from '../../../src-main/providers/memset/memset.adapter.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import type { FakeRequest } from '../../fakes/fake-server.ts';
import { monthToDate, monthTotal, serviceNamed, UK } from '../../fakes/memset/memset.fixture.ts';
import { formOf, memsetSetup, methodOf, NOW } from './memset.setup.ts';

const now = Date.parse(NOW);
const monthEnd = (year: number, month: number) =>
  startOfDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1, UK);

function yearsAsked(requests: readonly FakeRequest[], service: string): string[] {
  return requests
    .filter((r) => methodOf(r) === 'bandwidth.monthly_usage' && formOf(r).get('name') === service)
    .map((r) => formOf(r).get('year')!)
    .sort();
}

describe('Memset backfill from bandwidth.monthly_usage', () => {
  it('reads every earlier month of a long range as its month total, one call per service and year', async () => {
    const { ctx, server } = await memsetSetup();
    const range = { start: startOfDate(2024, 1, 1, UK), end: now };
    const usage = ProviderUsageSchema.parse(await memsetAdapter.fetchUsage(ctx, range));

    for (const service of ['myserver1', 'unmetered1', 'arrears1', 'mstestaa1']) {
      expect(yearsAsked(server.requests, service)).toEqual(['2024', '2025', '2026']);
    }
    const march = monthTotal(serviceNamed('myserver1')!, 'server', 2025, 3);
    const at = monthEnd(2025, 3);
    expect(march.in).toBeGreaterThan(0);
    const reading = (id: string) =>
      usage.samples.find((s) => s.meterId === id && s.at === at)?.value;
    expect(reading('transfer-in:myserver1:server')).toBe(march.in);
    expect(reading('transfer-out:myserver1:server')).toBe(march.out);
    expect(reading('transfer-total:myserver1:server')).toBe(march.in + march.out);

    // One reading per past month and counter: January 2024 to October 2026 is 34 months.
    const totals = usage.samples.filter((s) => s.meterId === 'transfer-total:myserver1:server');
    expect(totals).toHaveLength(34 + 1);
    // The current month comes from bandwidth.info at now, never from the monthly list.
    expect(totals.find((s) => s.at === monthEnd(2026, 11))).toBeUndefined();
    const mtd = monthToDate(serviceNamed('myserver1')!, 'server', now);
    expect(totals.find((s) => s.at === now)?.value).toBe(mtd.in + mtd.out);
  });

  it('keeps both Memstore service types apart in history and skips months before the service existed', async () => {
    const { ctx } = await memsetSetup({ services: ['mstestaa1'] });
    const range = { start: startOfDate(2024, 6, 1, UK), end: startOfMonth(now, UK) };
    const usage = await memsetAdapter.fetchUsage(ctx, range);
    const cdn = usage.samples.filter((s) => s.meterId === 'transfer-total:mstestaa1:cdn');
    // Memstore since 2025-02: February 2025 to October 2026 is 21 months.
    expect(cdn).toHaveLength(21);
    const may = monthTotal(serviceNamed('mstestaa1')!, 'cdn', 2026, 5);
    expect(cdn.find((s) => s.at === monthEnd(2026, 5))?.value).toBe(may.in + may.out);
    expect(usage.samples.some((s) => s.meterId === 'transfer-total:mstestaa1:memstore')).toBe(true);
  });

  it('asks only for the years of a past range, and nothing of this month', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    const range = { start: startOfDate(2024, 3, 1, UK), end: startOfDate(2024, 5, 1, UK) };
    const usage = await memsetAdapter.fetchUsage(ctx, range);
    expect(server.requests.map((r) => `${methodOf(r)} ${formOf(r).get('year')}`)).toEqual([
      'bandwidth.monthly_usage 2024',
    ]);
    const totals = usage.samples.filter((s) => s.meterId === 'transfer-total:myserver1:server');
    expect(totals.map((s) => s.at)).toEqual([monthEnd(2024, 3), monthEnd(2024, 4)]);
  });

  it('never asks for a future year, even for a range that runs past now', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    const range = { start: startOfDate(2025, 11, 1, UK), end: startOfDate(2028, 1, 1, UK) };
    await memsetAdapter.fetchUsage(ctx, range);
    expect(yearsAsked(server.requests, 'myserver1')).toEqual(['2025', '2026']);
  });

  it('keeps at most maxConcurrency requests in flight, and does overlap them', async () => {
    let inFlight = 0;
    let peak = 0;
    const counting = (http: HttpClient): HttpClient => ({
      async request(request) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await http.request(request);
        } finally {
          inFlight -= 1;
        }
      },
    });
    const { ctx, server } = await memsetSetup({ latencyMs: 30, wrapHttp: counting });
    await memsetAdapter.fetchUsage(ctx, { start: startOfDate(2022, 1, 1, UK), end: now });
    expect(server.requests.length).toBe(4 * 5 + 4 + 1);
    expect(peak).toBe(memsetAdapter.descriptor.maxConcurrency);
  });
});
