import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Forecast, Period } from '../../../src-shared/domain/usage.ts';
import { amountStartedIn } from './day-buckets.ts';
import { levelAt, commonStart, type GaugeSeries } from './gauge.ts';
import type { UsageInterval } from './intervals.ts';
import { calendarDaysLeft } from './period.ts';

const DAY_MS = 86_400_000;
/** The trailing window of the "recent pace" projection. */
export const TRAILING_WINDOW_MS = 7 * DAY_MS;

/**
 * How much of a period must have passed (or, for a level, how long a trend must be) before
 * Cloudmeter projects anything: max(3 % of the period, 24 h). Before that a projection says
 * more about the hour of the day than about the month.
 */
export function minimumForecastSpan(period: Period): number {
  return Math.max(0.03 * (period.end - period.start), DAY_MS);
}

/** The instant up to which the data is complete: "data as of" if earlier than now. */
export function dataThrough(period: Period, now: Instant, dataAsOf: Instant | null): Instant {
  const through = Math.min(now, dataAsOf ?? now, period.end);
  return Math.max(period.start, through);
}

/** Remaining ÷ calendar days left (today included); null without a quota. */
export function dailyBudget(
  period: Period,
  now: Instant,
  used: number,
  limit: number | null,
): number | null {
  if (limit === null) return null;
  const days = calendarDaysLeft(period, now);
  return days === 0 ? 0 : Math.max(0, limit - used) / days;
}

interface Projection {
  readonly period: Period;
  readonly now: Instant;
  readonly through: Instant;
  /** What is used now, or the current level. */
  readonly current: number;
  readonly limit: number | null;
}

/**
 * When the quota is reached going on from `base` at `through` at `perMs`; null if it already
 * is, or if not before the period ends. Never before now.
 */
function runsOutAt(p: Projection, base: number, perMs: number): Instant | null {
  if (p.limit === null || p.current >= p.limit || perMs <= 0) return null;
  const at = Math.max(p.now, p.through + (p.limit - base) / perMs);
  return at < p.period.end ? Math.round(at) : null;
}

export interface CounterForecastInput extends Projection {
  /** All members' intervals, including any before the period (history), for the trailing pace. */
  readonly intervals: readonly UsageInterval[];
  /** From when every member has data; the trailing window never reaches further back. */
  readonly coveredFrom: Instant;
}

/**
 * Fewer whole days of data than this cannot tell a spike from a pace: until then the slow end
 * of a counter's range stays at what is used.
 */
const MINIMUM_DAYS_FOR_PACE = 3;

/** The amounts of the whole 24-hour spans that end at `through` and start at `from` or later. */
function wholeDayAmounts(
  intervals: readonly UsageInterval[],
  from: Instant,
  through: Instant,
): number[] {
  const amounts: number[] = [];
  for (let end = through; end - DAY_MS >= from; end -= DAY_MS)
    amounts.push(amountStartedIn(intervals, end - DAY_MS, end));
  return amounts;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Transfer and cost: a range between a slow and a fast pace. The fast end is the faster of the
 * straight line of the period-to-date pace and the pace of the trailing 7 days (reaching into
 * the previous period when its history is there). The slow end is the slowest of those and
 * the usual (median) day of the trailing week, so one day's spike cannot lift it: a spike
 * early in the period lifts the straight line, and the trailing mean until it drops out a
 * week later, but not the usual day. With fewer than MINIMUM_DAYS_FOR_PACE whole days of
 * data there is no usual day yet, and the slow end is what is used: the first day of a period
 * without history is a wide range, never one inflated number (nor a forecast alert, which
 * reads the slow end). Paces are measured on the data up to `through` ("data as of"); the
 * range never starts below what is used.
 */
export function counterForecast(input: CounterForecastInput): Forecast | null {
  const { period, through, current, intervals } = input;
  const elapsed = through - period.start;
  if (elapsed < minimumForecastSpan(period)) return null;
  const usedThrough = current - amountStartedIn(intervals, through, period.end);
  const windowStart = Math.max(
    through - TRAILING_WINDOW_MS,
    Math.min(period.start, input.coveredFrom),
  );
  const trailing = amountStartedIn(intervals, windowStart, through) / (through - windowStart);
  const paces = [usedThrough / elapsed, trailing].map((pace) => Math.max(0, pace));
  const days = wholeDayAmounts(intervals, windowStart, through);
  const usualDay = days.length >= MINIMUM_DAYS_FOR_PACE ? Math.max(0, median(days)) / DAY_MS : 0;
  const remaining = period.end - through;
  const slow = Math.min(...paces, usualDay);
  const fast = Math.max(...paces);
  return {
    low: Math.max(current, usedThrough + slow * remaining),
    high: Math.max(current, usedThrough + fast * remaining),
    basis: 'trend',
    runsOutAt: runsOutAt(input, usedThrough, fast),
  };
}

/**
 * Storage levels: a forecast is the level the trend reaches by the period's end, between the
 * slope since the period started (or since the first reading) and the slope of the trailing
 * 7 days; a shrinking level projects as flat-or-lower, never below zero. The minimum span applies to the length of the trend, not to the period: a level
 * read for weeks has a trend on the first day of a new period.
 */
export function gaugeForecast(
  input: Projection & { readonly series: GaugeSeries },
): Forecast | null {
  const { period, through, series } = input;
  const first = commonStart(series);
  const latest = levelAt(series, through);
  if (first === null || latest === null) return null;
  const minimum = minimumForecastSpan(period);
  const slopes: number[] = [];
  for (const from of [
    Math.max(period.start, first),
    Math.max(through - TRAILING_WINDOW_MS, first),
  ]) {
    const span = through - from;
    const start = levelAt(series, from);
    if (span >= minimum && start !== null) slopes.push((latest - start) / span);
  }
  if (slopes.length === 0) return null;
  const remaining = period.end - through;
  const low = Math.max(0, latest + Math.min(...slopes) * remaining);
  const high = Math.max(0, latest + Math.max(...slopes) * remaining);
  return {
    low,
    high,
    basis: 'trend',
    runsOutAt: runsOutAt(input, latest, Math.max(...slopes)),
  };
}

/**
 * The provider's own period-end projection (Memset `predicted`), never below what is already
 * used; the pace that reaches it gives "runs out on". Shown whenever the provider makes one,
 * from the period's first hour: the provider knows its own figures, so the wait for a day of
 * data that guards Cloudmeter's own trends does not apply.
 */
export function providerForecast(
  input: Projection & { readonly periodEndValue: number },
): Forecast {
  const { period, through, current } = input;
  const value = Math.max(current, input.periodEndValue);
  const remaining = period.end - through;
  const pace = remaining > 0 ? (value - current) / remaining : 0;
  return {
    low: value,
    high: value,
    basis: 'provider',
    runsOutAt: runsOutAt(input, current, pace),
  };
}
