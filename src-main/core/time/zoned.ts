import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Resolution } from '../../../src-shared/domain/meter.ts';

/**
 * Calendar arithmetic in a named time zone. Every day and month boundary in the app comes
 * from here, through Temporal, so DST changes and short months are handled by the library
 * rather than by offset math.
 */
export function zoned(at: Instant, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
}

export function startOfDay(at: Instant, timeZone: string): Instant {
  return zoned(at, timeZone).startOfDay().epochMilliseconds;
}

/** Midnight `days` calendar days after the day containing `at` (23 or 25 hours across DST). */
export function addDays(at: Instant, days: number, timeZone: string): Instant {
  return zoned(at, timeZone).startOfDay().add({ days }).startOfDay().epochMilliseconds;
}

export function startOfMonth(at: Instant, timeZone: string): Instant {
  return zoned(at, timeZone).with({ day: 1 }).startOfDay().epochMilliseconds;
}

/** Midnight of a calendar date in a zone; the day is clamped to the month's length. */
export function startOfDate(year: number, month: number, day: number, timeZone: string): Instant {
  return Temporal.PlainDate.from({ year, month, day }, { overflow: 'constrain' }).toZonedDateTime({
    timeZone,
  }).epochMilliseconds;
}

/** Where the interval that starts at `at` ends, for a sample of the given resolution. */
export function intervalEnd(at: Instant, resolution: Resolution, timeZone: string): Instant {
  switch (resolution) {
    case 'hour':
      return at + 3_600_000;
    case 'day':
      return zoned(at, timeZone).add({ days: 1 }).epochMilliseconds;
    case 'month':
      return zoned(at, timeZone).add({ months: 1 }).epochMilliseconds;
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
