import type { Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Thresholds } from '../../../src-shared/domain/quota.ts';
import type {
  Forecast,
  Level,
  MeterUsage,
  Period,
  ProviderForecast,
} from '../../../src-shared/domain/usage.ts';
import { bucketByDay, dayStartsOf } from './day-buckets.ts';
import {
  counterForecast,
  dailyBudget,
  dataThrough,
  gaugeForecast,
  providerForecast,
} from './forecast.ts';
import { gaugeLevels, gaugeSeries } from './gauge.ts';
import { toIntervals, type UsageInterval } from './intervals.ts';
import type { TrackedLine } from './lines.ts';
import { periodAt } from './period.ts';

export function levelOf(percentUsed: number | null, thresholds: Thresholds): Level {
  if (percentUsed === null) return 'none';
  if (percentUsed >= 100) return 'exceeded';
  if (percentUsed >= thresholds.criticalPercent) return 'critical';
  if (percentUsed >= thresholds.warningPercent) return 'warning';
  return 'ok';
}

/** What else is known about the account's data besides its samples. */
export interface UsageContext {
  /** The provider's "complete up to" time: paces are measured up to it, not up to now. */
  readonly dataAsOf?: Instant | null;
  /** Period-end projections the provider made itself (Memset `predicted`). */
  readonly providerForecasts?: readonly ProviderForecast[];
}

/**
 * The provider's projection for this line, if it made one for every member and the line's
 * period is the provider's own month (anchor day 1 in the members' zone): a provider's month-end
 * figure says nothing about a period that ends on the 15th.
 */
function providerPeriodEnd(line: TrackedLine, forecasts: readonly ProviderForecast[]) {
  const rule = line.periodRule;
  if (rule.anchorDay !== 1 || line.members.some((m) => m.timeZone !== rule.timeZone)) return null;
  let total = 0;
  for (const member of line.members) {
    const forecast = forecasts.find((f) => f.meterId === member.id);
    if (!forecast) return null;
    total += forecast.periodEndValue;
  }
  return total;
}

/** From when every member with data has it (the first interval of the latest-starting one). */
function coveredFrom(line: TrackedLine, intervals: readonly UsageInterval[][]): Instant {
  const starts = intervals
    .filter((own) => own.length > 0)
    .map((own) => own.reduce((first, i) => Math.min(first, i.start), Number.POSITIVE_INFINITY));
  return starts.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...starts);
}

/**
 * A month-to-date reading spread over the days it covers comes back as a sum of fractions
 * (¥3,274 as 3273.999999999999); twelve significant digits are far more than any figure shown
 * or billed, and drop that noise so totals equal the provider's.
 */
function withoutSpreadNoise(total: number): number {
  return Number(total.toPrecision(12));
}

function counterUsage(
  line: TrackedLine,
  samples: readonly Sample[],
  period: Period,
  dayStarts: readonly Instant[],
  now: Instant,
) {
  // Usage that had not begun by `now` (a sample from the future) counts nowhere.
  const perMember = line.members.map((m) => toIntervals(m, samples).filter((i) => i.start < now));
  const intervals = perMember.flat();
  const daily = bucketByDay(intervals, dayStarts, period.end);
  return {
    daily,
    used: withoutSpreadNoise(daily.reduce((a, b) => a + b, 0)),
    intervals,
    coveredFrom: coveredFrom(line, perMember),
  };
}

/**
 * Usage of one tracked line in the billing period that contains `now`: counters (transfer,
 * cost) are summed over the period; gauges (storage) report the latest level and the peak.
 * `thresholds` apply when the line's quota has none of its own.
 */
export function computeMeterUsage(
  line: TrackedLine,
  samples: readonly Sample[],
  now: Instant,
  thresholds: Thresholds,
  context: UsageContext = {},
): MeterUsage {
  const period = periodAt(now, line.periodRule);
  const dayStarts = dayStartsOf(period, now);
  const through = dataThrough(period, now, context.dataAsOf ?? null);
  const gauge = line.members.every((m) => m.series === 'gauge');
  const limit = line.limit;
  const providerValue = providerPeriodEnd(line, context.providerForecasts ?? []);
  let used: number;
  let peak: number | null = null;
  let daily: number[];
  let forecast: Forecast | null;
  if (gauge) {
    const series = gaugeSeries(line, samples, now);
    const levels = gaugeLevels(series, period, dayStarts, now);
    ({ latest: used, peak, perDay: daily } = levels);
    const projection = { period, now, through, current: used, limit };
    forecast =
      providerValue === null
        ? gaugeForecast({ ...projection, series })
        : providerForecast({ ...projection, periodEndValue: providerValue });
  } else {
    const counter = counterUsage(line, samples, period, dayStarts, now);
    ({ used, daily } = counter);
    const projection = { period, now, through, current: used, limit };
    forecast =
      providerValue === null
        ? counterForecast({ ...projection, ...counter })
        : providerForecast({ ...projection, periodEndValue: providerValue });
  }
  const effective = line.thresholds ?? thresholds;
  const percentUsed = limit === null ? null : (used / limit) * 100;
  return {
    meter: gauge ? { ...line.meter, series: 'gauge' } : line.meter,
    memberMeterIds: line.members.map((m) => m.id),
    period,
    used,
    peak,
    quota:
      limit === null || line.source === null
        ? null
        : {
            limit,
            source: line.source,
            quotaId: line.quotaId,
            ...(line.limitUnit === null ? {} : { unit: line.limitUnit }),
          },
    percentUsed,
    remaining: limit === null ? null : limit - used,
    level: levelOf(percentUsed, effective),
    thresholds: effective,
    forecast,
    dailyBudget: gauge ? null : dailyBudget(period, now, used, limit),
    daily: dayStarts.map((at, i) => ({ at, value: daily[i]! })),
  };
}
