import type { Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Thresholds } from '../../../src-shared/domain/quota.ts';
import type { Level, MeterUsage, Period } from '../../../src-shared/domain/usage.ts';
import { addDays } from '../time/zoned.ts';
import { toIntervals, type UsageInterval } from './intervals.ts';
import type { TrackedLine } from './lines.ts';
import { periodAt } from './period.ts';

/** Midnights of the period's days, up to the day containing `until`, in the period's zone. */
export function dayStartsOf(period: Period, until: Instant): Instant[] {
  const starts: Instant[] = [];
  const last = Math.min(period.end, until);
  for (
    let day = period.start;
    day < period.end && day <= last;
    day = addDays(day, 1, period.timeZone)
  ) {
    starts.push(day);
  }
  return starts;
}

/** Index of the last day start ≤ at (binary search); -1 when before the first. */
function dayIndex(dayStarts: readonly Instant[], at: Instant): number {
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

/** Spreads counter intervals over the days they overlap (even rate inside an interval). */
export function bucketByDay(
  intervals: readonly UsageInterval[],
  dayStarts: readonly Instant[],
  periodEnd: Instant,
): number[] {
  const buckets = dayStarts.map(() => 0);
  const dayEnd = (i: number) => dayStarts[i + 1] ?? periodEnd;
  for (const interval of intervals) {
    const length = interval.end - interval.start;
    let i = Math.max(0, dayIndex(dayStarts, interval.start));
    for (; i < dayStarts.length && dayStarts[i]! < interval.end; i++) {
      const overlap = Math.min(dayEnd(i), interval.end) - Math.max(dayStarts[i]!, interval.start);
      if (overlap > 0)
        buckets[i]! += length > 0 ? (interval.value * overlap) / length : interval.value;
    }
  }
  return buckets;
}

/**
 * Gauges (storage levels): per day, the sum over member meters of each one's last level at or
 * before the day's end; `latest` sums the newest levels; `peak` is the highest level seen
 * (for a pool, the highest daily sum).
 */
function gaugeLevels(
  line: TrackedLine,
  samples: readonly Sample[],
  period: Period,
  dayStarts: readonly Instant[],
  now: Instant,
) {
  const perDay = dayStarts.map(() => 0);
  let latest = 0;
  const memberPeaks: number[] = [];
  for (const member of line.members) {
    const levels = samples
      .filter(
        (s) => s.meterId === member.id && s.at >= period.start && s.at < period.end && s.at <= now,
      )
      .sort((a, b) => a.at - b.at);
    if (levels.length === 0) continue;
    latest += levels.at(-1)!.value;
    memberPeaks.push(Math.max(...levels.map((s) => s.value)));
    let carried: number | null = null;
    let next = 0;
    dayStarts.forEach((_, i) => {
      const end = dayStarts[i + 1] ?? period.end;
      while (next < levels.length && levels[next]!.at < end) carried = levels[next++]!.value;
      if (carried !== null) perDay[i]! += carried;
    });
  }
  let peak: number | null = null;
  if (memberPeaks.length === 1 && line.members.length === 1) peak = memberPeaks[0]!;
  else if (memberPeaks.length > 0) peak = Math.max(latest, ...perDay);
  return { perDay, latest, peak };
}

export function levelOf(percentUsed: number | null, thresholds: Thresholds): Level {
  if (percentUsed === null) return 'none';
  if (percentUsed >= 100) return 'exceeded';
  if (percentUsed >= thresholds.criticalPercent) return 'critical';
  if (percentUsed >= thresholds.warningPercent) return 'warning';
  return 'ok';
}

/** Usage of one tracked line in the billing period that contains `now`. */
export function computeMeterUsage(
  line: TrackedLine,
  samples: readonly Sample[],
  now: Instant,
  thresholds: Thresholds,
): MeterUsage {
  const period = periodAt(now, line.periodRule);
  const dayStarts = dayStartsOf(period, now);
  const gauge = line.members.every((m) => m.series === 'gauge');
  let used: number;
  let peak: number | null = null;
  let daily: number[];
  if (gauge) {
    const levels = gaugeLevels(line, samples, period, dayStarts, now);
    used = levels.latest;
    peak = levels.peak;
    daily = levels.perDay;
  } else {
    const intervals = line.members.flatMap((m) => toIntervals(m, samples));
    daily = bucketByDay(intervals, dayStarts, period.end);
    used = daily.reduce((a, b) => a + b, 0);
  }
  const percentUsed = line.limit === null ? null : (used / line.limit) * 100;
  return {
    meter: gauge ? { ...line.meter, series: 'gauge' } : line.meter,
    memberMeterIds: line.members.map((m) => m.id),
    period,
    used,
    peak,
    quota:
      line.limit === null || line.source === null
        ? null
        : { limit: line.limit, source: line.source, quotaId: line.quotaId },
    percentUsed,
    remaining: line.limit === null ? null : line.limit - used,
    level: levelOf(percentUsed, line.thresholds ?? thresholds),
    forecast: null,
    daily: dayStarts.map((at, i) => ({ at, value: daily[i]! })),
  };
}
