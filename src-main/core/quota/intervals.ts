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
  const own = ownSamplesInOrder(meter.id, samples);
  if (meter.series === 'delta') {
    // Old hourly history compacted to days carries its own resolution.
    return own.map((s) => ({
      start: s.at,
      end: intervalEnd(s.at, s.resolution ?? meter.resolution, meter.timeZone),
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
 * The meter's samples, oldest first. Snapshots hand each line only its own samples, already
 * in order (the store reads them so): then this copies nothing and sorts nothing.
 */
function ownSamplesInOrder(meterId: string, samples: readonly Sample[]): readonly Sample[] {
  let ordered = true;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i]!.meterId !== meterId)
      return samples.filter((s) => s.meterId === meterId).sort((a, b) => a.at - b.at);
    if (i > 0 && samples[i]!.at < samples[i - 1]!.at) ordered = false;
  }
  return ordered ? samples : [...samples].sort((a, b) => a.at - b.at);
}
