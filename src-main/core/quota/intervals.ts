import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { intervalEnd, startOfMonth } from '../time/zoned.ts';

/** An amount used between two instants (end exclusive). */
export interface UsageInterval {
  readonly start: Instant;
  readonly end: Instant;
  readonly value: number;
}

/**
 * Turns a counter meter's samples into amounts over intervals, whatever the provider reports:
 * deltas already are; cumulative readings (month-to-date totals) become the differences between
 * consecutive readings, restarting at each provider month. A reading at instant t covers usage
 * up to t, so a month's final total read at the next month's first instant stays in its month.
 */
export function toIntervals(meter: Meter, samples: readonly Sample[]): UsageInterval[] {
  const own = samples.filter((s) => s.meterId === meter.id).sort((a, b) => a.at - b.at);
  if (meter.series === 'delta') {
    return own.map((s) => ({
      start: s.at,
      end: intervalEnd(s.at, meter.resolution, meter.timeZone),
      value: s.value,
    }));
  }
  if (meter.series === 'gauge') return [];
  const intervals: UsageInterval[] = [];
  let month = Number.NaN;
  let previous = { at: 0, value: 0 };
  for (const sample of own) {
    const sampleMonth = startOfMonth(sample.at - 1, meter.timeZone);
    if (sampleMonth !== month) {
      month = sampleMonth;
      previous = { at: sampleMonth, value: 0 };
    }
    if (sample.at > previous.at) {
      intervals.push({ start: previous.at, end: sample.at, value: sample.value - previous.value });
    }
    previous = { at: sample.at, value: sample.value };
  }
  return intervals;
}

/**
 * The part of the intervals' amounts that falls in [from, to), assuming an even rate inside
 * each interval (only matters when a period boundary cuts through an interval).
 */
export function amountBetween(
  intervals: readonly UsageInterval[],
  from: Instant,
  to: Instant,
): number {
  let total = 0;
  for (const interval of intervals) {
    const overlap = Math.min(interval.end, to) - Math.max(interval.start, from);
    if (overlap <= 0) continue;
    const length = interval.end - interval.start;
    total += length > 0 ? (interval.value * overlap) / length : interval.value;
  }
  return total;
}
