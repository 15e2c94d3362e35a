import type { MeterUsage, Period } from '../../src-shared/domain/usage.ts';
import type { Point } from './history.ts';
import { DAY_MS, zoneDays } from './zone-days.ts';

const HOUR_MS = 3_600_000;

/**
 * The account view's period charts from one line of a snapshot: where the line stood through
 * the period (running total for amounts, the level for gauges), and the forecast range from
 * now to the period's end.
 */
export function periodProgress(line: MeterUsage, asOf: number): Point[] {
  const { daily, period } = line;
  const until = Math.min(asOf, period.end);
  if (line.meter.series === 'gauge') {
    return daily.filter((d) => d.at <= until).map((d) => ({ x: d.at, y: d.value }));
  }
  const points: Point[] = [{ x: period.start, y: 0 }];
  let total = 0;
  daily.forEach((day, index) => {
    if (day.at >= until) return;
    total += day.value;
    const next = daily[index + 1]?.at ?? period.end;
    points.push({ x: Math.min(next, until), y: total });
  });
  // The running sum of days is the chart; `used` is the figure the card shows. They agree
  // unless the provider's total is known better than its days: end on the official figure.
  const last = points.at(-1)!;
  if (points.length > 1 && last.y !== line.used)
    points[points.length - 1] = { x: last.x, y: line.used };
  return points;
}

export interface ForecastBand {
  readonly low: readonly Point[];
  readonly high: readonly Point[];
}

export function forecastBand(line: MeterUsage, asOf: number): ForecastBand | null {
  const { forecast, period } = line;
  if (!forecast || asOf >= period.end) return null;
  const from = { x: Math.max(period.start, Math.min(asOf, period.end)), y: line.used };
  return {
    low: [from, { x: period.end, y: forecast.low }],
    high: [from, { x: period.end, y: forecast.high }],
  };
}

/**
 * The start of every day of a period, in its zone: the whole period, also the days still to
 * come, which have no data yet but do have a forecast. Days of 23 or 25 hours (a DST switch)
 * start where the zone says.
 */
export function periodDays(period: Period): number[] {
  const days = zoneDays(period.timeZone);
  const starts: number[] = [];
  // A day and three hours on from a day's start is always within the next day.
  for (let at = period.start; at < period.end; at = days.dayStart(at + DAY_MS + 3 * HOUR_MS))
    starts.push(at);
  return starts;
}

/** Tick positions for a period axis: about `count` evenly spread day starts. */
export function dayTicks(days: readonly number[], count = 8): number[] {
  if (days.length <= count) return [...days];
  const step = Math.ceil(days.length / count);
  return days.filter((_, i) => i % step === 0);
}
