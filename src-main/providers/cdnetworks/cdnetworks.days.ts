import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { startOfDate, zoned } from '../../core/time/zoned.ts';
import type { TimeRange } from '../provider.ts';
import { CDNETWORKS_ZONE } from './cdnetworks.descriptor.ts';

/**
 * The GMT+9 calendar days a fetch covers, cut into windows the API accepts: at most 31 days
 * per request, nothing older than 2 years, nothing after now.
 */

export const MAX_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;

/** Consecutive GMT+9 days fetched by one request per meter. */
export interface DayWindow {
  /** `yyyy-MM-dd` keys of the days wanted, in order; answers for other days are dropped. */
  readonly days: readonly string[];
  /** Midnight (GMT+9) starting the first day. */
  readonly start: Instant;
  /** Midnight (GMT+9) ending the last day (exclusive). */
  readonly end: Instant;
}

/**
 * The first day the API still answers for: the same date two years back, plus one day of
 * margin so a request sent a little before the server's midnight is not refused.
 */
export function historyStart(now: Instant): Instant {
  const first = zoned(now, CDNETWORKS_ZONE).toPlainDate().subtract({ years: 2 }).add({ days: 1 });
  return startOfDate(first.year, first.month, first.day, CDNETWORKS_ZONE);
}

/** The days with any part in [range.start, min(range.end, now)), split into API windows. */
export function dayWindows(range: TimeRange, now: Instant, maxDays = MAX_WINDOW_DAYS): DayWindow[] {
  const until = Math.min(range.end, now);
  const from = Math.max(range.start, historyStart(now));
  if (from >= until) return [];
  const firstDay = zoned(from, CDNETWORKS_ZONE).toPlainDate();
  const lastDay = zoned(until - 1, CDNETWORKS_ZONE).toPlainDate();
  // Plain calendar dates as day numbers: a two-year backfill steps through 730 of them, and
  // Date.UTC serves only as the proleptic calendar here (no zone, no offset involved).
  const dayNumber = (date: typeof firstDay) =>
    Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
  const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
  const midnight = (n: number) => {
    const [year, month, day] = dateOf(n).split('-').map(Number);
    return startOfDate(year!, month!, day!, CDNETWORKS_ZONE);
  };
  const first = dayNumber(firstDay);
  const last = dayNumber(lastDay);
  const windows: DayWindow[] = [];
  for (let start = first; start <= last; start += maxDays) {
    const length = Math.min(maxDays, last - start + 1);
    windows.push({
      days: Array.from({ length }, (_, i) => dateOf(start + i)),
      start: midnight(start),
      end: midnight(start + length),
    });
  }
  return windows;
}

/**
 * The instant a `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` timestamp names in GMT+9. The schemas have
 * already checked the shape, so the numbers are there.
 */
export function instantOf(timestamp: string): Instant {
  const [year, month, day, hour, minute] = (timestamp.match(/\d+/g) ?? []).map(Number);
  const midnight = startOfDate(year!, month!, day!, CDNETWORKS_ZONE);
  if (hour === undefined) return midnight;
  return zoned(midnight, CDNETWORKS_ZONE).with({ hour, minute: minute ?? 0 }).epochMilliseconds;
}
