import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumForecastSpan } from '../../../src-main/core/quota/forecast.ts';
import { computeMeterUsage, type UsageContext } from '../../../src-main/core/quota/meter-usage.ts';
import { periodAt } from '../../../src-main/core/quota/period.ts';
import type { Sample } from '../../../src-shared/domain/meter.ts';
import { at, daily, DAY, GB, HOUR, iso, lineFor, meter, THRESHOLDS, TOKYO } from '../fixtures.ts';

const JULY = at('2024-06-30T15:00:00Z'); // 1 July 00:00 JST; July has 31 days
const transfer = meter('transfer:jp-east');
const quota = (gb: number) => ({
  id: 'q',
  match: { kind: 'transfer-total' as const },
  limit: { amount: gb, unit: 'GB' as const },
});

function usageAt(now: number, samples: Sample[], gb = 1000, context: UsageContext = {}) {
  return computeMeterUsage(lineFor([transfer], quota(gb)), samples, now, THRESHOLDS, context);
}

describe('forecast', () => {
  it('waits for a day of data, and for three before the slow end leaves what is used', () => {
    expect(minimumForecastSpan(periodAt(JULY, { anchorDay: 1, timeZone: TOKYO }))).toBe(DAY);
    const hourly = meter('transfer:jp-east', { resolution: 'hour' });
    const samples = Array.from({ length: 80 }, (_, i) => ({
      meterId: hourly.id,
      at: JULY + i * HOUR,
      value: 2 * GB,
    }));
    const line = lineFor([hourly], quota(1000));
    expect(computeMeterUsage(line, samples, JULY + 5 * HOUR, THRESHOLDS).forecast).toBeNull();
    expect(computeMeterUsage(line, samples, JULY + 23 * HOUR, THRESHOLDS).forecast).toBeNull();
    const dayOne = computeMeterUsage(line, samples, JULY + 24 * HOUR, THRESHOLDS).forecast;
    expect(dayOne?.low).toBe(48 * GB); // what is used: one day cannot tell a pace from a spike
    expect(dayOne?.high).toBeCloseTo(48 * 31 * GB, -6);
    const dayThree = computeMeterUsage(line, samples, JULY + 72 * HOUR, THRESHOLDS).forecast;
    expect(dayThree?.low).toBeCloseTo(48 * 31 * GB, -6);
    expect(dayThree?.high).toBeCloseTo(48 * 31 * GB, -6);
  });

  it('projects a steady pace to the period end, with the day it runs out and a daily budget', () => {
    const now = JULY + 10 * DAY; // 11 July 00:00 JST, 21 days left
    const usage = usageAt(now, daily(transfer.id, JULY, Array(10).fill(10 * GB)), 200);
    expect(usage.forecast).toMatchObject({ basis: 'trend' });
    expect(usage.forecast!.low).toBeCloseTo(310 * GB, -3);
    expect(usage.forecast!.high).toBeCloseTo(310 * GB, -3);
    expect(iso(usage.forecast!.runsOutAt!)).toBe('2024-07-20T15:00:00.000Z'); // 21 July JST
    expect(usage.dailyBudget).toBeCloseTo((100 * GB) / 21);
  });

  it('suggests a daily budget from the first hour, before there is any forecast', () => {
    const now = JULY + 5 * HOUR; // 1 July 05:00 JST: 31 days left, today included
    const usage = usageAt(now, daily(transfer.id, JULY, [62 * GB]), 1000);
    expect(usage.forecast).toBeNull();
    expect(usage.dailyBudget).toBeCloseTo((938 * GB) / 31);
    expect(usageAt(now, daily(transfer.id, JULY, [1200 * GB]), 1000).dailyBudget).toBe(0);
  });

  it('turns a spike on day one into a range: the trailing week forgets it, the straight line not', () => {
    const values = [400, ...Array<number>(9).fill(10)].map((gb) => gb * GB);
    const usage = usageAt(JULY + 10 * DAY, daily(transfer.id, JULY, values));
    const { low, high } = usage.forecast!;
    expect(usage.used).toBe(490 * GB);
    expect(low).toBeCloseTo((490 + 21 * 10) * GB, -3); // the week's pace: 10 GB a day
    expect(high).toBeCloseTo((490 + 21 * 49) * GB, -3); // the period's pace: 49 GB a day
    expect(low).toBeLessThan(1000 * GB); // the quota is not in danger at the usual pace
  });

  it('gives a day-one spike without history a range from what is used to the straight line', () => {
    const spike = daily(transfer.id, JULY, [400 * GB]);
    const dayOne = usageAt(JULY + 25 * HOUR, spike).forecast!;
    expect(dayOne.low).toBe(400 * GB);
    expect(dayOne.high).toBeGreaterThan(10_000 * GB); // the straight line keeps the spike
    // Two ordinary days later the usual day sets the slow end; the spike still lifts the fast one.
    const later = daily(
      transfer.id,
      JULY,
      [400, 10, 10].map((gb) => gb * GB),
    );
    const dayThree = usageAt(JULY + 3 * DAY, later).forecast!;
    expect(dayThree.low).toBeCloseTo((420 + 28 * 10) * GB, -3);
    expect(dayThree.high).toBeCloseTo((420 + 28 * 140) * GB, -3);
  });

  it('reaches into last period for the usual day when its history is there', () => {
    const june = daily(transfer.id, JULY - 10 * DAY, Array(10).fill(10 * GB));
    const july = daily(transfer.id, JULY, [400 * GB]);
    const now = JULY + 25 * HOUR;
    const withHistory = usageAt(now, [...june, ...july]).forecast!;
    const without = usageAt(now, july).forecast!;
    expect(without.low).toBe(400 * GB);
    // With history, the trailing week's whole days are 10 GB but for the spike: a 10 GB day.
    const remaining = periodAt(now, { anchorDay: 1, timeZone: TOKYO }).end - now;
    expect(withHistory.low).toBeCloseTo(400 * GB + (10 * GB * remaining) / DAY, -3);
    expect(withHistory.high).toBe(without.high);
  });

  it('keeps every range between what is used and the fast end, whatever the days bring', () => {
    const days = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e13, noNaN: true })), {
      minLength: 1,
      maxLength: 31,
    });
    const history = fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { maxLength: 10 });
    fc.assert(
      fc.property(days, history, fc.integer({ min: 0, max: 31 * 24 }), (values, before, hours) => {
        const samples = [
          ...daily(transfer.id, JULY - before.length * DAY, before),
          ...daily(transfer.id, JULY, values),
        ];
        const usage = usageAt(JULY + hours * HOUR, samples);
        if (usage.forecast === null) return;
        expect(usage.forecast.low).toBeGreaterThanOrEqual(usage.used);
        expect(usage.forecast.low).toBeLessThanOrEqual(usage.forecast.high);
      }),
    );
  });

  it('measures the pace up to the provider\'s "data as of", not up to now', () => {
    const cumulative = meter('transfer:jp-east', { series: 'cumulative' });
    const reading = [{ meterId: cumulative.id, at: JULY + 9 * DAY, value: 90 * GB }];
    const line = lineFor([cumulative], quota(1000));
    const now = JULY + 9 * DAY + 18 * HOUR;
    const lagging = computeMeterUsage(line, reading, now, THRESHOLDS, { dataAsOf: JULY + 9 * DAY });
    expect(lagging.forecast!.low).toBeCloseTo(310 * GB, -3);
    const naive = computeMeterUsage(line, reading, now, THRESHOLDS);
    expect(naive.forecast!.low).toBeLessThan(300 * GB);
  });

  it("uses the provider's own projection when it makes one (Memset predicted)", () => {
    const samples = daily(transfer.id, JULY, Array(5).fill(20 * GB));
    const usage = usageAt(JULY + 5 * DAY, samples, 1000, {
      providerForecasts: [{ meterId: transfer.id, periodEndValue: 1240 * GB }],
    });
    expect(usage.forecast).toMatchObject({ basis: 'provider', low: 1240 * GB, high: 1240 * GB });
    // 100 GB used, 1,140 GB to come over 26 days: 1,000 GB is reached after 900/1140 of them.
    const runsOut = JULY + 5 * DAY + (26 * DAY * 900) / 1140;
    expect(usage.forecast!.runsOutAt).toBe(Math.round(runsOut));
  });

  it("shows the provider's projection from the period's first hour", () => {
    const hourly = meter('transfer:jp-east', { resolution: 'hour' });
    const samples = [{ meterId: hourly.id, at: JULY, value: 2 * GB }];
    const usage = computeMeterUsage(
      lineFor([hourly], quota(1000)),
      samples,
      JULY + HOUR,
      THRESHOLDS,
      {
        providerForecasts: [{ meterId: hourly.id, periodEndValue: 300 * GB }],
      },
    );
    expect(usage.forecast).toMatchObject({ basis: 'provider', low: 300 * GB, high: 300 * GB });
  });

  it("never lets a provider's projection fall below what is already used", () => {
    const samples = daily(transfer.id, JULY, Array(5).fill(20 * GB));
    const usage = usageAt(JULY + 5 * DAY, samples, 1000, {
      providerForecasts: [{ meterId: transfer.id, periodEndValue: 50 * GB }],
    });
    expect(usage.forecast).toMatchObject({ low: 100 * GB, high: 100 * GB, runsOutAt: null });
  });

  it("ignores the provider's month-end projection for a period that ends elsewhere", () => {
    const line = lineFor([transfer], { ...quota(1000), period: { anchorDay: 15 } });
    const samples = daily(transfer.id, JULY, Array(20).fill(10 * GB));
    const usage = computeMeterUsage(line, samples, JULY + 20 * DAY, THRESHOLDS, {
      providerForecasts: [{ meterId: transfer.id, periodEndValue: 9999 * GB }],
    });
    expect(usage.forecast?.basis).toBe('trend');
  });

  it('projects a storage level along its trend, with no daily budget', () => {
    const storage = meter('storage', { kind: 'storage', series: 'gauge' });
    const line = lineFor([storage], { ...quota(100), match: { kind: 'storage' } });
    // 1 GB more every day since 21 June: 70 GB on 1 July.
    const levels = Array.from({ length: 21 }, (_, i) => ({
      meterId: storage.id,
      at: JULY - 10 * DAY + i * DAY,
      value: (60 + i) * GB,
    }));
    const now = JULY + 10 * DAY;
    const usage = computeMeterUsage(line, levels, now, THRESHOLDS);
    expect(usage.used).toBe(80 * GB);
    expect(usage.forecast!.low).toBeCloseTo(101 * GB, -3); // 21 more days at 1 GB
    expect(usage.dailyBudget).toBeNull();
    expect(iso(usage.forecast!.runsOutAt!)).toBe('2024-07-30T15:00:00.000Z'); // 100 GB on 31 July
    // Read for weeks, a level has a trend on the first day of a new period too.
    expect(computeMeterUsage(line, levels, JULY + HOUR, THRESHOLDS).forecast).not.toBeNull();
  });

  it('projects a shrinking level as shrinking, never below zero, and never running out', () => {
    const storage = meter('storage', { kind: 'storage', series: 'gauge' });
    const line = lineFor([storage], { ...quota(100), match: { kind: 'storage' } });
    const levels = Array.from({ length: 10 }, (_, i) => ({
      meterId: storage.id,
      at: JULY + i * DAY,
      value: (50 - 5 * i) * GB,
    }));
    const usage = computeMeterUsage(line, levels, JULY + 9 * DAY + HOUR, THRESHOLDS);
    expect(usage.forecast!.low).toBe(0);
    expect(usage.forecast!.high).toBeLessThanOrEqual(usage.used);
    expect(usage.forecast!.runsOutAt).toBeNull();
  });
});
