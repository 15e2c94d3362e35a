import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoned } from '../../../src-main/core/time/zoned.ts';
import {
  billingMonths,
  latestAskableMonth,
} from '../../../src-main/providers/seeweb/seeweb.months.ts';

const index = (at: number, zone: string) => {
  const local = zoned(at, zone);
  return local.year * 12 + local.month - 1;
};

describe('Seeweb billing months', () => {
  it('takes the UTC month while Rome has already turned the page', () => {
    expect(latestAskableMonth(Date.parse('2026-11-30T23:30:00Z'))).toMatchObject({
      year: 2026,
      month: 11,
    });
    expect(latestAskableMonth(Date.parse('2026-12-01T00:00:00Z'))).toMatchObject({
      year: 2026,
      month: 12,
    });
    // New Year's Eve in UTC, already 2027 in Rome.
    expect(latestAskableMonth(Date.parse('2026-12-31T23:59:00Z'))).toMatchObject({
      year: 2026,
      month: 12,
    });
  });

  it('bounds months at Rome midnight, across the daylight-saving change', () => {
    const plan = billingMonths(
      {
        start: Date.parse('2026-03-01T00:00:00+01:00'),
        end: Date.parse('2026-04-01T00:00:00+02:00'),
      },
      Date.parse('2026-06-15T00:00:00Z'),
      24,
    );
    expect(plan.months).toEqual([
      {
        year: 2026,
        month: 3,
        start: Date.parse('2026-02-28T23:00:00Z'),
        end: Date.parse('2026-03-31T22:00:00Z'),
      },
    ]);
  });

  it('never plans a month that has not begun in UTC and in Rome, for any instant and range', () => {
    const instant = fc.integer({
      min: Date.parse('2000-01-01T00:00:00Z'),
      max: Date.parse('2100-01-01T00:00:00Z'),
    });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (now, back) => {
        const plan = billingMonths({ start: now - back, end: now }, now, 24);
        const limit = Math.min(index(now, 'UTC'), index(now, 'Europe/Rome'));
        for (const month of plan.months) {
          expect(month.year * 12 + month.month - 1).toBeLessThanOrEqual(limit);
        }
        // Consecutive, and ending at the askable month whenever the range reaches now.
        plan.months.forEach((m, i) => {
          if (i > 0) expect(m.start).toBe(plan.months[i - 1]!.end);
        });
        const last = plan.months.at(-1);
        if (last) expect(last.year * 12 + last.month - 1).toBe(limit);
      }),
      { numRuns: 300 },
    );
  });

  it('covers a past range exactly, and only up to now', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const plan = billingMonths(
      { start: Date.parse('2026-08-15T00:00:00Z'), end: Date.parse('2027-02-01T00:00:00Z') },
      now,
      24,
    );
    expect(plan.months.map((m) => `${m.year}-${m.month}`)).toEqual([
      '2026-8',
      '2026-9',
      '2026-10',
      '2026-11',
    ]);
    expect(plan.notYetOpen).toBeNull();
    expect(plan.historyLimit).toBeNull();
  });
});
