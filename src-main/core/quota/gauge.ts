import type { Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Period } from '../../../src-shared/domain/usage.ts';
import type { TrackedLine } from './lines.ts';

/**
 * Gauges are levels (stored bytes), not amounts: a level carries over from one period to the
 * next, so the level at the start of a period is the last one read before it, and a pool's
 * level is the sum of its members' latest levels.
 */
export type GaugeSeries = readonly (readonly Sample[])[];

/** Each member's levels up to `now`, oldest first (members without any are kept, empty). */
export function gaugeSeries(line: TrackedLine, samples: readonly Sample[], now: Instant) {
  return line.members.map((member) =>
    samples.filter((s) => s.meterId === member.id && s.at <= now).sort((a, b) => a.at - b.at),
  );
}

function lastAtOrBefore(levels: readonly Sample[], at: Instant): Sample | undefined {
  let lo = 0;
  let hi = levels.length - 1;
  let found: Sample | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]!.at <= at) {
      found = levels[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The summed level at `at`; null when no member had been read by then. */
export function levelAt(series: GaugeSeries, at: Instant): number | null {
  let total: number | null = null;
  for (const levels of series) {
    const last = lastAtOrBefore(levels, at);
    if (last) total = (total ?? 0) + last.value;
  }
  return total;
}

/** From when every member that has levels has one: the start of a comparable trend. */
export function commonStart(series: GaugeSeries): Instant | null {
  const firsts = series.filter((levels) => levels.length > 0).map((levels) => levels[0]!.at);
  return firsts.length === 0 ? null : Math.max(...firsts);
}

/**
 * Per day, the level at the day's end (today: the latest); `latest` is the current level;
 * `peak` the highest level during the period, counting the level carried into it.
 */
export function gaugeLevels(
  series: GaugeSeries,
  period: Period,
  dayStarts: readonly Instant[],
  now: Instant,
): { perDay: number[]; latest: number; peak: number | null } {
  const until = Math.min(now, period.end - 1);
  const perDay = dayStarts.map((_, i) => {
    const dayEnd = dayStarts[i + 1] ?? period.end;
    return levelAt(series, Math.min(dayEnd - 1, until)) ?? 0;
  });
  const moments = [
    period.start,
    ...series.flatMap((levels) =>
      levels.filter((s) => s.at >= period.start && s.at <= until).map((s) => s.at),
    ),
  ];
  let peak: number | null = null;
  for (const at of moments) {
    const level = levelAt(series, at);
    if (level !== null && (peak === null || level > peak)) peak = level;
  }
  return { perDay, latest: levelAt(series, until) ?? 0, peak };
}
