import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { addDays, startOfDate, zoned } from '../../core/time/zoned.ts';
import type { TimeRange } from '../provider.ts';
import { IDCF_TIME_ZONE } from './idcf.descriptor.ts';
import type { IdcfDate } from './idcf.schema.ts';

/** One IDCF billing month: a JST calendar month, [start, end). */
export interface IdcfMonthSpan {
  /** "2026-11", as the API's path wants it. */
  readonly key: string;
  readonly start: Instant;
  readonly end: Instant;
}

export function monthSpan(year: number, month: number): IdcfMonthSpan {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    key: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
    start: startOfDate(year, month, 1, IDCF_TIME_ZONE),
    end: startOfDate(next.year, next.month, 1, IDCF_TIME_ZONE),
  };
}

export function monthContaining(at: Instant): IdcfMonthSpan {
  const local = zoned(at, IDCF_TIME_ZONE);
  return monthSpan(local.year, local.month);
}

export function previousMonth(span: IdcfMonthSpan): IdcfMonthSpan {
  return monthContaining(span.start - 1);
}

/** Day of the month in JST (1-31) of an instant. */
export function jstDayOfMonth(at: Instant): number {
  return zoned(at, IDCF_TIME_ZONE).day;
}

/**
 * The months that overlap [range.start, range.end), oldest first, never past the month that
 * contains `now`: IDCF answers 404 for a future month, so one is never asked for.
 */
export function monthsOverlapping(range: TimeRange, now: Instant): IdcfMonthSpan[] {
  const until = Math.min(range.end, now + 1);
  const months: IdcfMonthSpan[] = [];
  if (until <= range.start) return months;
  for (let span = monthContaining(range.start); span.start < until;) {
    months.push(span);
    span = monthContaining(span.end);
  }
  return months;
}

/** Midnight JST that ends the given JST calendar day. */
export function endOfJstDay(date: IdcfDate): Instant {
  return addDays(startOfDate(date.year, date.month, date.day, IDCF_TIME_ZONE), 1, IDCF_TIME_ZONE);
}
