import { describe, expect, it } from 'vitest';
import { toIntervals } from '../../../src-main/core/quota/intervals.ts';
import { resolveLines } from '../../../src-main/core/quota/lines.ts';
import { computeMeterUsage } from '../../../src-main/core/quota/meter-usage.ts';
import { periodAt } from '../../../src-main/core/quota/period.ts';
import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import { QuotaSchema, type QuotaInput } from '../../../src-shared/domain/quota.ts';

const TOKYO = 'Asia/Tokyo';
const at = (iso: string) => Date.parse(iso);
const GB = 1e9;
const thresholds = { warningPercent: 80, criticalPercent: 95 };

function meter(id: string, extra: Partial<Meter> = {}): Meter {
  return {
    id,
    label: id,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'region', id: id.split(':')[1] ?? '' },
    series: 'delta',
    resolution: 'day',
    timeZone: TOKYO,
    ...extra,
  };
}

const descriptor = {
  defaultQuotas: [] as ReturnType<typeof QuotaSchema.parse>[],
  billingTimeZone: TOKYO,
};
const quotas = (...q: QuotaInput[]) => ({ quotas: q.map((x) => QuotaSchema.parse(x)) });

describe('periods', () => {
  it('finds the JST calendar month around an instant, seen from UTC', () => {
    const period = periodAt(at('2024-01-31T16:00:00Z'), { anchorDay: 1, timeZone: TOKYO });
    expect(new Date(period.start).toISOString()).toBe('2024-01-31T15:00:00.000Z');
    expect(new Date(period.end).toISOString()).toBe('2024-02-29T15:00:00.000Z');
  });

  it('clamps anchor day 31 to the end of February', () => {
    const period = periodAt(at('2024-03-10T00:00:00Z'), { anchorDay: 31, timeZone: 'UTC' });
    expect(new Date(period.start).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(period.end).toISOString()).toBe('2024-03-31T00:00:00.000Z');
  });
});

describe('meter usage', () => {
  it('sums daily deltas of the current period only', () => {
    const m = meter('transfer:jp-east');
    const samples: Sample[] = [
      { meterId: m.id, at: at('2024-06-30T15:00:00Z'), value: 5 * GB }, // 1 July JST
      { meterId: m.id, at: at('2024-07-01T15:00:00Z'), value: 7 * GB }, // 2 July JST
      { meterId: m.id, at: at('2024-06-29T15:00:00Z'), value: 100 * GB }, // 30 June: previous period
    ];
    const { lines } = resolveLines(
      [m],
      quotas({ id: 'q', match: { kind: 'transfer-total' }, limit: { amount: 20, unit: 'GB' } }),
      [],
      descriptor,
    );
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-07-02T12:00:00Z'), thresholds);
    expect(usage.used).toBe(12 * GB);
    expect(usage.percentUsed).toBeCloseTo(60);
    expect(usage.remaining).toBe(8 * GB);
    expect(usage.level).toBe('ok');
    expect(usage.daily.map((d) => d.value)).toEqual([5 * GB, 7 * GB]);
  });

  it('turns month-to-date readings into daily amounts and restarts at the provider month', () => {
    const m = meter('cost', {
      kind: 'cost',
      unit: 'JPY',
      series: 'cumulative',
      scope: { level: 'account', id: '' },
    });
    const samples: Sample[] = [
      { meterId: m.id, at: at('2024-07-01T15:00:00Z'), value: 100 }, // through 1 July JST
      { meterId: m.id, at: at('2024-07-02T15:00:00Z'), value: 250 }, // through 2 July
      { meterId: m.id, at: at('2024-06-30T15:00:00Z'), value: 9000 }, // June's final total
    ];
    const intervals = toIntervals(m, samples);
    expect(intervals.map((i) => i.value)).toEqual([9000, 100, 150]);
    const { lines } = resolveLines(
      [m],
      quotas({ id: 'b', match: { kind: 'cost' }, limit: { amount: 1000, unit: 'JPY' } }),
      [],
      descriptor,
    );
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-07-03T01:00:00Z'), thresholds);
    expect(usage.used).toBe(250);
    expect(usage.daily.map((d) => d.value)).toEqual([100, 150, 0]);
  });

  it('reads gauges as the latest level and the peak, not a sum', () => {
    const m = meter('storage', { kind: 'storage', series: 'gauge' });
    const samples: Sample[] = [
      { meterId: m.id, at: at('2024-07-01T00:00:00Z'), value: 50 * GB },
      { meterId: m.id, at: at('2024-07-02T00:00:00Z'), value: 80 * GB },
      { meterId: m.id, at: at('2024-07-03T00:00:00Z'), value: 60 * GB },
    ];
    const { lines } = resolveLines(
      [m],
      quotas({ id: 's', match: { kind: 'storage' }, limit: { amount: 100, unit: 'GB' } }),
      [],
      descriptor,
    );
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-07-03T12:00:00Z'), thresholds);
    expect(usage.used).toBe(60 * GB);
    expect(usage.peak).toBe(80 * GB);
    expect(usage.level).toBe('ok');
  });

  it('pools in and out of a region under one quota', () => {
    const inbound = meter('in:jp-east', { kind: 'transfer-in' });
    const outbound = meter('out:jp-east', { kind: 'transfer-out' });
    const day = at('2024-07-01T15:00:00Z');
    const samples: Sample[] = [
      { meterId: inbound.id, at: day, value: 1000 * GB },
      { meterId: outbound.id, at: day, value: 2100 * GB },
    ];
    const { lines } = resolveLines(
      [inbound, outbound],
      quotas({
        id: 'free',
        label: 'Free transfer',
        combine: 'pool',
        match: { scopeId: 'jp-east' },
        limit: { amount: 3240, unit: 'GB' },
      }),
      [],
      descriptor,
    );
    const pool = lines.find((l) => l.meter.id === 'pool:free')!;
    const usage = computeMeterUsage(pool, samples, at('2024-07-02T00:00:00Z'), thresholds);
    expect(usage.used).toBe(3100 * GB);
    expect(usage.memberMeterIds).toEqual(['in:jp-east', 'out:jp-east']);
    expect(usage.level).toBe('critical');
  });

  it('prefers the user quota over the provider quota over the default', () => {
    const m = meter('transfer:x');
    const defaults = {
      ...descriptor,
      defaultQuotas: [
        QuotaSchema.parse({
          id: 'd',
          match: { kind: 'transfer-total' },
          limit: { amount: 1, unit: 'TB' },
        }),
      ],
    };
    const provider = [{ meterIds: [m.id], limit: 500 * GB }];
    expect(resolveLines([m], { quotas: [] }, [], defaults).lines[0]).toMatchObject({
      limit: 1e12,
      source: 'default',
    });
    expect(resolveLines([m], { quotas: [] }, provider, defaults).lines[0]).toMatchObject({
      limit: 500 * GB,
      source: 'provider',
    });
    const user = quotas({ id: 'u', match: { meterIds: [m.id] }, limit: { amount: 2, unit: 'TB' } });
    expect(resolveLines([m], user, provider, defaults).lines[0]).toMatchObject({
      limit: 2e12,
      source: 'user',
    });
  });

  it('ignores a quota in the wrong unit and says so', () => {
    const m = meter('transfer:x');
    const { lines, notices } = resolveLines(
      [m],
      quotas({ id: 'eur', match: { kind: 'transfer-total' }, limit: { amount: 5, unit: 'EUR' } }),
      [],
      descriptor,
    );
    expect(lines[0]!.limit).toBeNull();
    expect(notices[0]!.message).toMatch(
      /quota "eur" is in EUR but transfer:x is measured in bytes/,
    );
  });
});
