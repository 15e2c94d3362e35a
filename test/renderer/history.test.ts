import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIntervals } from '../../src-main/core/quota/intervals.ts';
import { dailyHistory, monthlyTotals } from '../../src-renderer/model/history.ts';
import { toSampleRuns, type Meter, type Sample } from '../../src-shared/domain/meter.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

function meter(overrides: Partial<Meter>): Meter {
  return {
    id: 'm',
    label: 'transfer',
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'account', id: '' },
    series: 'delta',
    resolution: 'hour',
    timeZone: 'Asia/Tokyo',
    ...overrides,
  };
}

describe('history per day', () => {
  it('adds hourly amounts into the meter’s own calendar days', () => {
    const m = meter({});
    const start = at('2026-11-20T15:00:00Z'); // midnight in Tokyo
    const samples: Sample[] = Array.from({ length: 48 }, (_, i) => ({
      meterId: 'm',
      at: start + i * HOUR,
      value: i < 24 ? 1 : 2,
    }));
    const [history] = dailyHistory([m], toSampleRuns(samples));
    expect(history!.days).toEqual([
      { x: start, y: 24 },
      { x: start + DAY, y: 48 },
    ]);
    expect(history!.total).toBe(72);
  });

  it('spreads a month read in one figure evenly over the month’s days', () => {
    const m = meter({ resolution: 'month', timeZone: 'UTC' });
    const [history] = dailyHistory(
      [m],
      toSampleRuns([{ meterId: 'm', at: at('2026-10-01T00:00:00Z'), value: 310 }]),
    );
    expect(history!.days).toHaveLength(31);
    expect(history!.days.every((d) => Math.abs(d.y - 10) < 1e-9)).toBe(true);
    const [october, ...others] = monthlyTotals(history!);
    expect(others).toEqual([]);
    expect(october!.month).toBe(at('2026-10-01T00:00:00Z'));
    expect(october!.value).toBeCloseTo(310, 6);
  });

  it('keeps a gauge’s highest level of each day', () => {
    const m = meter({ series: 'gauge', kind: 'storage', timeZone: 'UTC' });
    const day = at('2026-11-01T00:00:00Z');
    const [history] = dailyHistory(
      [m],
      toSampleRuns([
        { meterId: 'm', at: day + HOUR, value: 5 },
        { meterId: 'm', at: day + 2 * HOUR, value: 9 },
        { meterId: 'm', at: day + 3 * HOUR, value: 7 },
      ]),
    );
    expect(history!.days).toEqual([{ x: day, y: 9 }]);
  });

  it('reads cumulative month-to-date figures the way the core does, resets included', () => {
    const sample = fc.record({
      hours: fc.integer({ min: 1, max: 24 * 50 }),
      value: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 80 }), (steps) => {
        const m = meter({ series: 'cumulative', resolution: 'day' });
        let t = at('2026-01-01T03:00:00Z');
        const samples = steps.map((s) => ({
          meterId: 'm',
          at: (t += s.hours * HOUR),
          value: s.value,
        }));
        const core = toIntervals(m, samples).reduce((sum, i) => sum + i.value, 0);
        const [history] = dailyHistory([m], toSampleRuns(samples));
        expect(history!.total).toBeCloseTo(core, 3);
      }),
    );
  });

  it('sorts samples that arrive out of order and ignores meters without samples', () => {
    const m = meter({ timeZone: 'UTC' });
    const day = at('2026-11-01T00:00:00Z');
    const result = dailyHistory(
      [m, meter({ id: 'other' })],
      toSampleRuns([
        { meterId: 'm', at: day + DAY, value: 2 },
        { meterId: 'm', at: day, value: 1 },
      ]),
    );
    expect(result.map((h) => h.meter.id)).toEqual(['m']);
    expect(result[0]!.days.map((d) => d.x)).toEqual([day, day + DAY]);
  });
});
