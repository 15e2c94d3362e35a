import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Resolution } from '../../../src-shared/domain/meter.ts';

/**
 * Calendar arithmetic in a named time zone. Every day and month boundary in the app comes
 * from here, through Temporal, so DST changes and short months are handled by the library
 * rather than by offset math.
 *
 * Zone math through the polyfill costs tens of microseconds a call, and snapshots ask for the
 * same day and month boundaries for every meter, so recent answers are remembered. The
 * functions are pure and Temporal values immutable: caching cannot change a result.
 */
function memoize<A extends (string | number)[], R>(
  compute: (...args: A) => R,
  limit = 20_000,
): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.join('|');
    if (cache.has(key)) return cache.get(key)!;
    if (cache.size >= limit) cache.clear();
    const value = compute(...args);
    cache.set(key, value);
    return value;
  };
}

export const zoned: (at: Instant, timeZone: string) => Temporal.ZonedDateTime = memoize(
  (at: Instant, timeZone: string) =>
    Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone),
  5_000,
);

export const startOfDay: (at: Instant, timeZone: string) => Instant = memoize(
  (at: Instant, timeZone: string) => zoned(at, timeZone).startOfDay().epochMilliseconds,
);

/** Midnight `days` calendar days after the day containing `at` (23 or 25 hours across DST). */
export const addDays: (at: Instant, days: number, timeZone: string) => Instant = memoize(
  (at: Instant, days: number, timeZone: string) =>
    zoned(at, timeZone).startOfDay().add({ days }).startOfDay().epochMilliseconds,
);

export const startOfMonth: (at: Instant, timeZone: string) => Instant = memoize(
  (at: Instant, timeZone: string) =>
    zoned(at, timeZone).with({ day: 1 }).startOfDay().epochMilliseconds,
);

/** Midnight of a calendar date in a zone; the day is clamped to the month's length. */
export const startOfDate: (year: number, month: number, day: number, timeZone: string) => Instant =
  memoize(
    (year: number, month: number, day: number, timeZone: string) =>
      Temporal.PlainDate.from({ year, month, day }, { overflow: 'constrain' }).toZonedDateTime({
        timeZone,
      }).epochMilliseconds,
  );

const addCalendar: (at: Instant, unit: 'days' | 'months', timeZone: string) => Instant = memoize(
  (at: Instant, unit: 'days' | 'months', timeZone: string) =>
    zoned(at, timeZone).add({ [unit]: 1 }).epochMilliseconds,
);

/** Where the interval that starts at `at` ends, for a sample of the given resolution. */
export function intervalEnd(at: Instant, resolution: Resolution, timeZone: string): Instant {
  switch (resolution) {
    case 'hour':
      return at + 3_600_000;
    case 'day':
      return addCalendar(at, 'days', timeZone);
    case 'month':
      return addCalendar(at, 'months', timeZone);
  }
}

/** `2024-01-31` for the day containing `at` in the zone. */
export function dayKey(at: Instant, timeZone: string): string {
  return zoned(at, timeZone).toPlainDate().toString();
}

/** ISO 8601 with the zone's offset, e.g. `2024-01-01T00:00:00+09:00`. */
export function isoWithOffset(at: Instant, timeZone: string): string {
  return zoned(at, timeZone).toString({ timeZoneName: 'never', fractionalSecondDigits: 'auto' });
}
