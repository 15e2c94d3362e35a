import type { Meter, SampleRun } from '../../src-shared/domain/meter.ts';
import { zoneDays } from './zone-days.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One meter's history as one value per calendar day (in the meter's zone). */
export interface DailyHistory {
  readonly meter: Meter;
  /** Counters: the amount used that day. Gauges: the day's highest level. Sorted by day. */
  readonly days: readonly Point[];
  /** Counters: the sum over the range. Gauges: the highest level. */
  readonly total: number;
}

/**
 * Turns raw samples (years of hourly points are common) into one point per day per meter, the
 * resolution a multi-month chart can show. A delta adds its amount to its day; a cumulative
 * reading adds what it grew since the previous reading of the same provider month (the first
 * of a month counts from the month's start); a gauge keeps the day's peak. An amount that
 * covers more than a day (a month of history read in one figure) is spread evenly over its
 * days, so that the line stays "per day" across resolutions. One pass over each meter's run.
 */
export function dailyHistory(meters: readonly Meter[], runs: readonly SampleRun[]): DailyHistory[] {
  return finish(dailyHistorySteps(meters, runs));
}

/**
 * The same work in steps: it pauses (yields) every few thousand samples, so that the window
 * can run it between frames (runInSlices) and never freeze on years of hourly data.
 */
export function* dailyHistorySteps(
  meters: readonly Meter[],
  runs: readonly SampleRun[],
): Generator<void, DailyHistory[]> {
  const byMeter = new Map(runs.map((run) => [run.meterId, run]));
  const result: DailyHistory[] = [];
  for (const meter of meters) {
    const own = byMeter.get(meter.id);
    if (own) result.push(yield* bucketDays(meter, own));
  }
  return result;
}

/** Samples handled between two pauses. */
const STEP_MASK = 0x1fff;

function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Day totals kept in time order. Samples arrive in order, so nearly every addition goes to the
 * last day or starts the next one; an earlier day (a spread amount) is found by binary search.
 */
class DayBuckets {
  readonly days: number[] = [];
  readonly values: number[] = [];

  add(day: number, value: number): void {
    const last = this.days.length - 1;
    if (last >= 0 && this.days[last] === day) this.values[last]! += value;
    else if (last < 0 || this.days[last]! < day) {
      this.days.push(day);
      this.values.push(value);
    } else this.addEarlier(day, value, (v) => v + value);
  }

  peak(day: number, value: number): void {
    const last = this.days.length - 1;
    if (last >= 0 && this.days[last] === day)
      this.values[last] = Math.max(this.values[last]!, value);
    else if (last < 0 || this.days[last]! < day) {
      this.days.push(day);
      this.values.push(value);
    } else this.addEarlier(day, value, (v) => Math.max(v, value));
  }

  private addEarlier(day: number, value: number, merge: (current: number) => number): void {
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.days[mid]! < day) low = mid + 1;
      else high = mid;
    }
    if (this.days[low] === day) this.values[low] = merge(this.values[low]!);
    else {
      this.days.splice(low, 0, day);
      this.values.splice(low, 0, value);
    }
  }
}

function* bucketDays(meter: Meter, run: SampleRun): Generator<void, DailyHistory> {
  // The run's parallel arrays, oldest first (the store answers so; usage:series keeps it).
  const { at, value, resolution } = run;
  const end = at.length;
  const days = zoneDays(meter.timeZone);
  const buckets = new DayBuckets();
  // Consecutive samples usually fall on the same day: remember the last day's bounds.
  let dayFrom = Infinity;
  let dayTo = -Infinity;
  const dayOf = (at: number) => {
    if (at < dayFrom || at >= dayTo) {
      dayFrom = days.dayStart(at);
      dayTo = days.dayStart(dayFrom + DAY_MS + 2 * HOUR_MS); // 23- and 25-hour days included
    }
    return dayFrom;
  };
  /** Adds `amount`, used during [from, to), to the days it covers, pro rata. */
  const spread = (amount: number, from: number, to: number) => {
    const first = dayOf(from);
    if (to <= dayTo || to - from <= DAY_MS) {
      buckets.add(first, amount);
      return;
    }
    for (let day = first; day < to;) {
      const next = days.dayStart(day + DAY_MS + 2 * HOUR_MS);
      buckets.add(day, (amount * (Math.min(next, to) - Math.max(day, from))) / (to - from));
      day = next;
    }
  };
  const intervalEnd = (i: number) => {
    const start = at[i]!;
    switch (resolution[i] ?? meter.resolution) {
      case 'hour':
        return start + HOUR_MS;
      case 'day':
        return start + DAY_MS;
      case 'month':
        return days.monthStart(days.monthStart(start) + 32 * DAY_MS);
    }
  };

  if (meter.series === 'gauge') {
    for (let i = 0; i < end; i++) {
      if ((i & STEP_MASK) === 0) yield;
      buckets.peak(dayOf(at[i]!), value[i]!);
    }
  } else if (meter.series === 'delta') {
    for (let i = 0; i < end; i++) {
      if ((i & STEP_MASK) === 0) yield;
      spread(value[i]!, at[i]!, intervalEnd(i));
    }
  } else {
    // As the core reads them (toIntervals): a reading at t covers use up to t since the start
    // of the provider's month that contains t − 1 ms, so each month restarts from zero.
    let monthFrom = Infinity;
    let monthTo = -Infinity;
    let previous = { at: 0, value: 0 };
    for (let i = 0; i < end; i++) {
      if ((i & STEP_MASK) === 0) yield;
      const t = at[i]!;
      if (t - 1 < monthFrom || t - 1 >= monthTo) {
        monthFrom = days.monthStart(t - 1);
        monthTo = days.monthStart(monthFrom + 32 * DAY_MS);
        previous = { at: monthFrom, value: 0 };
      }
      if (t > previous.at) spread(value[i]! - previous.value, previous.at, t);
      previous = { at: t, value: value[i]! };
    }
  }
  const points: Point[] = buckets.days.map((x, i) => ({ x, y: buckets.values[i]! }));
  let total = 0;
  if (meter.series === 'gauge') for (const p of points) total = Math.max(total, p.y);
  else for (const p of points) total += p.y;
  return { meter, days: points, total };
}

/** Per calendar month (in the meter's zone): sums for counters, peaks for gauges. */
export function monthlyTotals(history: DailyHistory): { month: number; value: number }[] {
  const days = zoneDays(history.meter.timeZone);
  const months = new Map<number, number>();
  const gauge = history.meter.series === 'gauge';
  for (const point of history.days) {
    const month = days.monthStart(point.x);
    const sofar = months.get(month);
    months.set(
      month,
      sofar === undefined ? point.y : gauge ? Math.max(sofar, point.y) : sofar + point.y,
    );
  }
  return [...months].map(([month, value]) => ({ month, value })).sort((a, b) => a.month - b.month);
}
