import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIntervals } from '../../../src-main/core/quota/intervals.ts';
import { resolveLines } from '../../../src-main/core/quota/lines.ts';
import { computeMeterUsage } from '../../../src-main/core/quota/meter-usage.ts';
import { periodAt } from '../../../src-main/core/quota/period.ts';
import type { Sample } from '../../../src-shared/domain/meter.ts';
import { QuotaSchema, type QuotaInput } from '../../../src-shared/domain/quota.ts';
import { DAY, GB, HOUR, TOKYO, at, meter } from '../fixtures.ts';

const thresholds = { warningPercent: 80, criticalPercent: 95 };

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

  it('leaves a breakdown out of a quota that selects by kind, but not one that names it', () => {
    const total = meter('total:web1');
    const perAddress = meter('ip:web1:10.0.0.1', { breakdownOf: total.id });
    const day = at('2024-07-01T15:00:00Z');
    const samples: Sample[] = [
      { meterId: total.id, at: day, value: 300 * GB },
      { meterId: perAddress.id, at: day, value: 200 * GB },
    ];
    const pooled = (match: QuotaInput['match']) => {
      const { lines } = resolveLines(
        [total, perAddress],
        quotas({ id: 'all', combine: 'pool', match, limit: { amount: 1, unit: 'TB' } }),
        [],
        descriptor,
      );
      const pool = lines.find((l) => l.meter.id === 'pool:all')!;
      return computeMeterUsage(pool, samples, at('2024-07-02T00:00:00Z'), thresholds);
    };
    expect(pooled({ kind: 'transfer-total' }).used).toBe(300 * GB);
    expect(pooled({ meterIds: [total.id, perAddress.id] }).used).toBe(500 * GB);
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

describe('meter usage: levels, provider quotas and provider days', () => {
  const storageQuota = {
    id: 's',
    match: { kind: 'storage' as const },
    limit: { amount: 100, unit: 'GB' as const },
  };

  it('carries a storage level into a new period instead of dropping to zero', () => {
    const m = meter('storage', { kind: 'storage', series: 'gauge' });
    const samples: Sample[] = [
      { meterId: m.id, at: at('2024-06-29T00:00:00Z'), value: 70 * GB },
      { meterId: m.id, at: at('2024-06-30T12:00:00Z'), value: 90 * GB }, // 30 June JST evening
    ];
    const { lines } = resolveLines([m], quotas(storageQuota), [], descriptor);
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-07-02T03:00:00Z'), thresholds);
    expect(usage.used).toBe(90 * GB);
    expect(usage.peak).toBe(90 * GB);
    expect(usage.level).toBe('warning');
    expect(usage.daily.map((d) => d.value)).toEqual([90 * GB, 90 * GB]);
  });

  it('sums a pool of storage levels and takes the peak of the sum, not of each member', () => {
    const a = meter('storage:a', { kind: 'storage', series: 'gauge' });
    const b = meter('storage:b', { kind: 'storage', series: 'gauge' });
    const samples: Sample[] = [
      { meterId: a.id, at: at('2024-07-01T00:00:00Z'), value: 40 * GB },
      { meterId: b.id, at: at('2024-07-01T00:00:00Z'), value: 10 * GB },
      { meterId: a.id, at: at('2024-07-02T00:00:00Z'), value: 20 * GB },
      { meterId: b.id, at: at('2024-07-03T00:00:00Z'), value: 35 * GB },
    ];
    const { lines } = resolveLines(
      [a, b],
      quotas({ ...storageQuota, combine: 'pool' }),
      [],
      descriptor,
    );
    const pool = lines.find((l) => l.members.length === 2)!;
    const usage = computeMeterUsage(pool, samples, at('2024-07-03T12:00:00Z'), thresholds);
    expect(usage.used).toBe(55 * GB);
    expect(usage.peak).toBe(55 * GB); // 50 on day 1, 30 on day 2, 55 on day 3
    expect(usage.meter.series).toBe('gauge');
  });

  it('refuses to pool storage levels with transfer amounts, and says so', () => {
    const stored = meter('storage:x', {
      kind: 'storage',
      series: 'gauge',
      scope: { level: 'region', id: 'x' },
    });
    const sent = meter('out:x', { kind: 'transfer-out' });
    const { lines, notices } = resolveLines(
      [stored, sent],
      quotas({
        id: 'mixed',
        combine: 'pool',
        match: { scopeId: 'x' },
        limit: { amount: 1, unit: 'TB' },
      }),
      [],
      descriptor,
    );
    expect(lines.some((l) => l.members.length > 1)).toBe(false);
    expect(notices.map((n) => n.message)).toContain(
      'quota "mixed" pools storage levels with transfer or cost amounts; ignored',
    );
  });

  it("applies Memset's own quota (inclusive transfer + bandwidth bank) with remaining", () => {
    const m = meter('transfer:server1', {
      timeZone: 'Europe/London',
      scope: { level: 'service', id: 'server1' },
    });
    const london = { ...descriptor, billingTimeZone: 'Europe/London' };
    const limit = (1000 + 250) * GB; // inclusive_transfer 1000 GB + bandwidth_bank 250 GB
    const { lines } = resolveLines([m], { quotas: [] }, [{ meterIds: [m.id], limit }], london);
    const samples: Sample[] = [{ meterId: m.id, at: at('2024-11-01T00:00:00Z'), value: 1000 * GB }];
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-11-02T00:00:00Z'), thresholds);
    expect(usage.quota).toEqual({ limit, source: 'provider', quotaId: null });
    expect(usage.percentUsed).toBeCloseTo(80);
    expect(usage.remaining).toBe(250 * GB);
    expect(usage.level).toBe('warning');
  });

  it('keeps the unit a quota was written in, for messages', () => {
    const m = meter('transfer:jp-east');
    const { lines } = resolveLines(
      [m],
      quotas({
        id: 'free',
        match: { kind: 'transfer-total' },
        limit: { amount: 3240, unit: 'GB' },
      }),
      [],
      descriptor,
    );
    const usage = computeMeterUsage(lines[0]!, [], at('2024-07-02T00:00:00Z'), thresholds);
    expect(usage.quota).toEqual({ limit: 3240 * GB, source: 'user', quotaId: 'free', unit: 'GB' });
  });

  it("keeps each provider day whole even when its midnight is not the billing zone's", () => {
    // SurferCloud-like days from 16:00 UTC (UTC+8 midnight), billed in a UTC+9 zone.
    const m = meter('eip:1', { timeZone: 'Asia/Shanghai' });
    const days = [1, 2, 3].map((d) => at(`2024-07-0${d}T16:00:00Z`) - DAY);
    const samples: Sample[] = days.map((day, i) => ({
      meterId: m.id,
      at: day,
      value: (i + 1) * GB,
    }));
    // The first provider day starts 30 June 16:00 UTC = 1 July 01:00 JST, inside July.
    const { lines } = resolveLines(
      [m],
      quotas({ id: 'q', match: { kind: 'transfer-total' }, limit: { amount: 20, unit: 'GB' } }),
      [],
      descriptor,
    );
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-07-03T12:00:00Z'), thresholds);
    expect(usage.daily.map((d) => d.value)).toEqual([1 * GB, 2 * GB, 3 * GB]);
    // A provider day straddling the period start goes wholly to the period holding its middle.
    const straddling: Sample[] = [{ meterId: m.id, at: at('2024-06-30T10:00:00Z'), value: 8 * GB }];
    const july = computeMeterUsage(lines[0]!, straddling, at('2024-07-01T12:00:00Z'), thresholds);
    expect(july.used).toBe(8 * GB); // 30 June 19:00 JST → 1 July 19:00 JST: middle on 1 July
  });

  it('gives 31 March in London 23 hourly amounts', () => {
    const m = meter('transfer:uk', { resolution: 'hour', timeZone: 'Europe/London' });
    const start = at('2024-03-30T00:00:00Z');
    const samples: Sample[] = Array.from({ length: 47 }, (_, i) => ({
      meterId: m.id,
      at: start + i * HOUR,
      value: 1 * GB,
    }));
    const { lines } = resolveLines(
      [m],
      quotas({ id: 'q', match: { kind: 'transfer-total' }, limit: { amount: 1, unit: 'TB' } }),
      [],
      { ...descriptor, billingTimeZone: 'Europe/London' },
    );
    const usage = computeMeterUsage(lines[0]!, samples, at('2024-03-31T22:30:00Z'), thresholds);
    expect(usage.daily.slice(-2).map((d) => d.value / GB)).toEqual([24, 23]);
  });
});

describe('meter usage (properties)', () => {
  const m = meter('transfer:p');
  const { lines } = resolveLines(
    [m],
    quotas({ id: 'q', match: { kind: 'transfer-total' }, limit: { amount: 500, unit: 'GB' } }),
    [],
    descriptor,
  );
  const first = at('2024-06-30T15:00:00Z'); // 1 July JST
  const now = at('2024-07-20T00:00:00Z');

  it('never shows a lower percent for more usage', () => {
    const amounts = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(amounts, fc.nat(), fc.integer({ min: 1, max: 100 }), (gb, pick, extra) => {
        const samples = gb.map((v, i) => ({ meterId: m.id, at: first + i * DAY, value: v * GB }));
        const more = samples.map((s, i) =>
          i === pick % samples.length ? { ...s, value: s.value + extra * GB } : s,
        );
        const before = computeMeterUsage(lines[0]!, samples, now, thresholds).percentUsed!;
        const after = computeMeterUsage(lines[0]!, more, now, thresholds).percentUsed!;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('never shows a lower percent for a higher month-to-date reading', () => {
    const cumulative = meter('transfer:c', { series: 'cumulative' });
    const cLines = resolveLines(
      [cumulative],
      quotas({ id: 'q', match: { kind: 'transfer-total' }, limit: { amount: 500, unit: 'GB' } }),
      [],
      descriptor,
    ).lines;
    const steps = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 100 }), (increments, extra) => {
        let total = 0;
        const readings = increments.map((v, i) => ({
          meterId: cumulative.id,
          at: first + (i + 1) * DAY,
          value: (total += v) * GB,
        }));
        const higher = readings.map((r) => ({ ...r, value: r.value + extra * GB }));
        const before = computeMeterUsage(cLines[0]!, readings, now, thresholds).percentUsed!;
        const after = computeMeterUsage(cLines[0]!, higher, now, thresholds).percentUsed!;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
