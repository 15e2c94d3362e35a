import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Period } from '../../../src-shared/domain/usage.ts';
import { addDays } from '../time/zoned.ts';
import type { UsageInterval } from './intervals.ts';

const HOUR_MS = 3_600_000;
/** A day, or a 25-hour day at a DST change: the longest interval kept whole. */
const LONGEST_WHOLE_INTERVAL_MS = 25 * HOUR_MS;

/** Every day start of recently used periods: all lines of a snapshot share a few periods. */
const periodDays = new Map<string, readonly Instant[]>();

function allDayStarts(period: Period): readonly Instant[] {
  const key = `${period.start}|${period.end}|${period.timeZone}`;
  let days = periodDays.get(key);
  if (!days) {
    const starts: Instant[] = [];
    for (let day = period.start; day < period.end; day = addDays(day, 1, period.timeZone)) {
      starts.push(day);
    }
    if (periodDays.size >= 256) periodDays.clear();
    periodDays.set(key, (days = starts));
  }
  return days;
}

/** Midnights of the period's days, up to the day containing `until`, in the period's zone. */
export function dayStartsOf(period: Period, until: Instant): Instant[] {
  const days = allDayStarts(period);
  const last = Math.min(period.end, until);
  let count = 0;
  while (count < days.length && days[count]! <= last) count++;
  return days.slice(0, count);
}

/** Index of the last day start ≤ at (binary search); -1 when before the first. */
export function dayIndex(dayStarts: readonly Instant[], at: Instant): number {
  let lo = 0;
  let hi = dayStarts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dayStarts[mid]! <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Puts counter intervals into the period's days (the last bucket runs to the period's end).
 *
 * An interval of at most a day (a provider's daily figure, an hour, the gap between two
 * polls) goes whole into the day that contains its middle: a provider's day is reported as
 * the provider cut it, even when its midnight is not ours (SurferCloud's undocumented zone, a
 * user quota in another zone), and it never lands half in one period and half in the next.
 * Longer intervals (a month-to-date reading after a gap, a monthly figure) are spread evenly
 * over the days they overlap. Intervals outside the period count nowhere.
 */
export function bucketByDay(
  intervals: readonly UsageInterval[],
  dayStarts: readonly Instant[],
  periodEnd: Instant,
): number[] {
  const buckets = dayStarts.map(() => 0);
  if (dayStarts.length === 0) return buckets;
  const dayEnd = (i: number) => dayStarts[i + 1] ?? periodEnd;
  for (const interval of intervals) {
    const length = interval.end - interval.start;
    if (length <= LONGEST_WHOLE_INTERVAL_MS) {
      const middle = interval.start + length / 2;
      if (middle < dayStarts[0]! || middle >= periodEnd) continue;
      buckets[dayIndex(dayStarts, middle)]! += interval.value;
      continue;
    }
    for (
      let i = Math.max(0, dayIndex(dayStarts, interval.start));
      i < dayStarts.length && dayStarts[i]! < interval.end;
      i++
    ) {
      const overlap = Math.min(dayEnd(i), interval.end) - Math.max(dayStarts[i]!, interval.start);
      if (overlap > 0) buckets[i]! += (interval.value * overlap) / length;
    }
  }
  return buckets;
}

/**
 * The amount in [from, to) by the same rule as the daily buckets: an interval of at most a
 * day counts whole where it starts (a partial "today so far" figure counts as soon as it
 * exists), a longer one by its share of overlap.
 */
export function amountStartedIn(
  intervals: readonly UsageInterval[],
  from: Instant,
  to: Instant,
): number {
  let total = 0;
  for (const interval of intervals) {
    const length = interval.end - interval.start;
    if (length <= LONGEST_WHOLE_INTERVAL_MS) {
      if (interval.start >= from && interval.start < to) total += interval.value;
      continue;
    }
    const overlap = Math.min(interval.end, to) - Math.max(interval.start, from);
    if (overlap > 0) total += (interval.value * overlap) / length;
  }
  return total;
}
