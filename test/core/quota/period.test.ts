// The machine runs far from the providers' zones: any local-time slip (getMonth, setHours…)
// would show as a wrong JST or European boundary below. Node applies a TZ change at once.
process.env.TZ = 'America/Los_Angeles';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStartsOf } from '../../../src-main/core/quota/day-buckets.ts';
import {
  calendarDaysLeft,
  nextPeriod,
  periodAt,
  periodsBetween,
  previousPeriod,
} from '../../../src-main/core/quota/period.ts';
import { at, DAY, HOUR, iso, TOKYO } from '../fixtures.ts';

const UTC = { anchorDay: 1, timeZone: 'UTC' };

function startsOf(year: number, anchorDay: number, timeZone = 'UTC'): string[] {
  const from = at(`${year}-01-01T00:00:00Z`);
  const to = at(`${year}-12-15T00:00:00Z`);
  return periodsBetween(from, to, { anchorDay, timeZone })
    .map((p) => iso(p.start).slice(0, 10))
    .filter((day) => day.startsWith(String(year)));
}

describe('billing periods', () => {
  it('runs these tests on a machine whose zone is far from Tokyo', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles');
    // 1 February 01:00 in Tokyo is still 31 January here.
    expect(new Date(at('2024-01-31T16:00:00Z')).getDate()).toBe(31);
  });

  it('puts the JST month boundary at 15:00 UTC whatever the machine zone', () => {
    const rule = { anchorDay: 1, timeZone: TOKYO };
    const january = periodAt(at('2024-01-31T14:59:59.999Z'), rule);
    const february = periodAt(at('2024-01-31T15:00:00Z'), rule);
    expect([iso(january.start), iso(january.end)]).toEqual([
      '2023-12-31T15:00:00.000Z',
      '2024-01-31T15:00:00.000Z',
    ]);
    expect([iso(february.start), iso(february.end)]).toEqual([
      '2024-01-31T15:00:00.000Z',
      '2024-02-29T15:00:00.000Z',
    ]);
    expect(dayStartsOf(february, february.start + 2 * DAY).map(iso)).toEqual([
      '2024-01-31T15:00:00.000Z',
      '2024-02-01T15:00:00.000Z',
      '2024-02-02T15:00:00.000Z',
    ]);
  });

  it('crosses the year end: the JST new year starts on 31 December in UTC', () => {
    const rule = { anchorDay: 1, timeZone: TOKYO };
    const december = periodAt(at('2024-12-31T14:59:59.999Z'), rule);
    const january = nextPeriod(december, rule);
    expect(iso(december.start)).toBe('2024-11-30T15:00:00.000Z');
    expect(iso(january.start)).toBe('2024-12-31T15:00:00.000Z');
    expect(iso(january.end)).toBe('2025-01-31T15:00:00.000Z');
    expect(previousPeriod(january, rule)).toEqual(december);
  });

  it('gives February 29 days in leap years and 28 otherwise (2100 is not leap, 2000 was)', () => {
    const february = (year: number) => {
      const period = periodAt(at(`${year}-02-10T00:00:00Z`), UTC);
      return (period.end - period.start) / DAY;
    };
    expect([2023, 2024, 2100, 2000].map(february)).toEqual([28, 29, 28, 29]);
  });

  it('clamps anchor days 29 to 31 to short months and returns to the anchor after them', () => {
    expect(startsOf(2024, 31)).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30',
      '2024-07-31', '2024-08-31', '2024-09-30', '2024-10-31', '2024-11-30',
    ]); // prettier-ignore
    expect(startsOf(2023, 31).slice(0, 3)).toEqual(['2023-01-31', '2023-02-28', '2023-03-31']);
    expect(startsOf(2024, 30).slice(0, 4)).toEqual([
      '2024-01-30',
      '2024-02-29',
      '2024-03-30',
      '2024-04-30',
    ]);
    expect(startsOf(2023, 29).slice(0, 3)).toEqual(['2023-01-29', '2023-02-28', '2023-03-29']);
    expect(startsOf(2024, 29).slice(0, 3)).toEqual(['2024-01-29', '2024-02-29', '2024-03-29']);
  });

  it('puts an instant on a clamped day in the period that starts there', () => {
    const rule = { anchorDay: 31, timeZone: 'UTC' };
    const late = periodAt(at('2023-02-28T12:00:00Z'), rule);
    const early = periodAt(at('2023-02-27T23:59:59Z'), rule);
    expect([iso(late.start), iso(late.end)]).toEqual([
      '2023-02-28T00:00:00.000Z',
      '2023-03-31T00:00:00.000Z',
    ]);
    expect([iso(early.start), iso(early.end)]).toEqual([
      '2023-01-31T00:00:00.000Z',
      '2023-02-28T00:00:00.000Z',
    ]);
  });

  it('follows the clock changes in Europe/London: March is an hour short, October an hour long', () => {
    const rule = { anchorDay: 1, timeZone: 'Europe/London' };
    const march = periodAt(at('2024-03-15T12:00:00Z'), rule);
    expect([iso(march.start), iso(march.end)]).toEqual([
      '2024-03-01T00:00:00.000Z',
      '2024-03-31T23:00:00.000Z', // 1 April 00:00 BST
    ]);
    expect(march.end - march.start).toBe(31 * DAY - HOUR);
    const october = periodAt(at('2024-10-15T12:00:00Z'), rule);
    expect(october.end - october.start).toBe(31 * DAY + HOUR);
    // The last days of March: 31 March has 23 hours.
    const days = dayStartsOf(march, march.end - 1);
    expect(days.at(-1)! - days.at(-2)!).toBe(DAY);
    expect(march.end - days.at(-1)!).toBe(23 * HOUR);
    // 01:30 UTC on 31 March is 02:30 BST, right after the skipped hour: still March.
    expect(periodAt(at('2024-03-31T01:30:00Z'), rule)).toEqual(march);
  });

  it('starts an anchored London period at local midnight on either side of the change', () => {
    const rule = { anchorDay: 31, timeZone: 'Europe/London' };
    const period = periodAt(at('2024-04-10T00:00:00Z'), rule);
    expect([iso(period.start), iso(period.end)]).toEqual([
      '2024-03-31T00:00:00.000Z', // midnight GMT: the change is at 01:00
      '2024-04-29T23:00:00.000Z', // 30 April 00:00 BST
    ]);
  });

  it('follows the clock changes in Europe/Rome, the repeated hour included', () => {
    const rule = { anchorDay: 1, timeZone: 'Europe/Rome' };
    const october = periodAt(at('2024-10-10T00:00:00Z'), rule);
    expect([iso(october.start), iso(october.end)]).toEqual([
      '2024-09-30T22:00:00.000Z', // 1 October 00:00 CEST
      '2024-10-31T23:00:00.000Z', // 1 November 00:00 CET
    ]);
    // 02:30 happens twice on 27 October (CEST, then CET): both belong to October.
    expect(periodAt(at('2024-10-27T00:30:00Z'), rule)).toEqual(october);
    expect(periodAt(at('2024-10-27T01:30:00Z'), rule)).toEqual(october);
    const march = periodAt(at('2024-03-31T01:30:00Z'), rule); // 03:30 CEST
    expect([iso(march.start), iso(march.end)]).toEqual([
      '2024-02-29T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
    ]);
  });

  it('counts the calendar days left, today included', () => {
    const period = periodAt(at('2024-03-10T12:00:00Z'), {
      anchorDay: 1,
      timeZone: 'Europe/London',
    });
    expect(calendarDaysLeft(period, period.start)).toBe(31);
    expect(calendarDaysLeft(period, at('2024-03-31T22:59:00Z'))).toBe(1);
    expect(calendarDaysLeft(period, at('2024-03-30T23:30:00Z'))).toBe(2);
    expect(calendarDaysLeft(period, period.end)).toBe(0);
  });

  it('refuses an anchor day outside 1 to 31', () => {
    expect(() => periodAt(0, { anchorDay: 0, timeZone: 'UTC' })).toThrow(RangeError);
    expect(() => periodAt(0, { anchorDay: 32, timeZone: 'UTC' })).toThrow(/1 to 31/);
  });
});

const ZONES = [
  'UTC',
  TOKYO,
  'Etc/GMT-9',
  'Europe/London',
  'Europe/Rome',
  'America/Los_Angeles',
  'America/Sao_Paulo', // DST used to start at midnight: some days began at 01:00
  'America/Havana',
  'Australia/Lord_Howe', // half-hour DST
  'Pacific/Apia', // skipped 30 December 2011 entirely
  'Pacific/Kiritimati', // UTC+14
];
const instant = fc.integer({ min: at('1995-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z') });
const rule = fc.record({
  anchorDay: fc.integer({ min: 1, max: 31 }),
  timeZone: fc.constantFrom(...ZONES),
});

describe('billing periods (properties)', () => {
  it('contain the instant they are asked for and tile time with no gap or overlap', () => {
    fc.assert(
      fc.property(instant, rule, (t, r) => {
        const period = periodAt(t, r);
        expect(period.start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(period.end);
        expect(nextPeriod(period, r).start).toBe(period.end);
        expect(previousPeriod(period, r).end).toBe(period.start);
        expect(periodAt(period.end - 1, r)).toEqual(period);
        expect(periodAt(period.start, r)).toEqual(period);
        const days = (period.end - period.start) / DAY;
        expect(days).toBeGreaterThan(26.9);
        expect(days).toBeLessThan(32.1);
      }),
      { numRuns: 2000 },
    );
  });

  it('lists consecutive periods that cover any range exactly once', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 800 * DAY }), rule, (from, span, r) => {
        const periods = periodsBetween(from, from + span, r);
        expect(periods[0]!.start).toBeLessThanOrEqual(from);
        expect(periods.at(-1)!.end).toBeGreaterThanOrEqual(from + span);
        for (let i = 1; i < periods.length; i++)
          expect(periods[i]!.start).toBe(periods[i - 1]!.end);
      }),
      { numRuns: 300 },
    );
  });
});
