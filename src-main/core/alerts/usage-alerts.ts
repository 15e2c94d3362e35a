import type { MeterUsage } from '../../../src-shared/domain/usage.ts';
import type { AlertFacts, Mark, MeterAlertState, UsageFacts } from './alert-schema.ts';
import {
  FORECAST_HYSTERESIS_POINTS,
  HYSTERESIS_POINTS,
  ladderOf,
  type MeterAlertRules,
} from './rules.ts';

/**
 * The threshold ladder of one usage line, as a small state machine per rung:
 * - a rung fires when it is armed, the value is at or above it, and it has not fired in this
 *   period yet; firing disarms it. Several rungs crossed at once give one alert, the highest;
 * - it re-arms when the value falls `HYSTERESIS_POINTS` below it (a level that dips and
 *   climbs back), when a new period starts (counters restart from zero; a storage level
 *   carries over, so it only re-arms by falling), and when its line moves (the quota or the
 *   percent changed) to above the value, which also lifts the once-per-period rule so the new
 *   line can fire in this period. A line that moves but stays below the value does not
 *   re-fire, so a quota that flickers does not repeat an alert.
 */

const RELATIVE_EPSILON = 1e-9;

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

interface Rearm {
  readonly limitChanged: boolean;
  readonly newPeriod: boolean;
  readonly rearmOnNewPeriod: boolean;
  readonly hysteresis: number;
}

function updated(mark: Mark | undefined, percent: number, value: number, how: Rearm): Mark {
  let next: Mark = mark ?? { percent, armed: true, firedInPeriod: null };
  const lineMoved = how.limitChanged || !same(next.percent, percent);
  if (lineMoved && value < percent) next = { ...next, armed: true, firedInPeriod: null };
  if (how.newPeriod && how.rearmOnNewPeriod) next = { ...next, armed: true };
  if (value < percent - how.hysteresis) next = { ...next, armed: true };
  return { ...next, percent };
}

function due(mark: Mark, value: number, periodStart: number): boolean {
  return mark.armed && value >= mark.percent && mark.firedInPeriod !== periodStart;
}

function fired(mark: Mark, periodStart: number): Mark {
  return { ...mark, armed: false, firedInPeriod: periodStart };
}

export interface LineOutcome {
  /** The line's next state (unchanged when it has no quota). */
  readonly state: MeterAlertState | undefined;
  /** The alert this evaluation raises for the line, if any (at most one). */
  readonly facts: AlertFacts | null;
}

function usageFacts(usage: MeterUsage, limit: number, percent: number): UsageFacts {
  const forecast = usage.forecast;
  return {
    meterLabel: usage.meter.label,
    unit: usage.meter.unit,
    limitUnit: usage.quota?.unit ?? null,
    used: usage.used,
    limit,
    percentUsed: percent,
    periodEnd: usage.period.end,
    periodTimeZone: usage.period.timeZone,
    projectedPercent: forecast
      ? { low: (forecast.low / limit) * 100, high: (forecast.high / limit) * 100 }
      : null,
    runsOutAt: forecast?.runsOutAt ?? null,
  };
}

/**
 * One evaluation of a line. The forecast alert ("projected to reach the quota before the
 * period ends") uses the low end of the forecast range, so it fires only when even the slower
 * pace gets there; when a threshold alert fires at the same time, the projection goes into its
 * text instead of a second notification.
 */
export function evaluateUsageLine(
  previous: MeterAlertState | undefined,
  usage: MeterUsage,
  rules: MeterAlertRules,
): LineOutcome {
  if (usage.quota === null || usage.percentUsed === null) return { state: previous, facts: null };
  const limit = usage.quota.limit;
  const percent = usage.percentUsed;
  const periodStart = usage.period.start;
  const newPeriod = previous !== undefined && previous.periodStart !== periodStart;
  const limitChanged = previous !== undefined && !same(previous.limit, limit);
  const marks = { ...previous?.marks };
  const ladder = ladderOf(rules.thresholds);
  const rearm = {
    limitChanged,
    newPeriod,
    rearmOnNewPeriod: usage.meter.series !== 'gauge',
    hysteresis: HYSTERESIS_POINTS,
  };
  for (const rung of ladder)
    marks[rung.key] = updated(marks[rung.key], rung.percent, percent, rearm);

  const top = ladder.filter((rung) => due(marks[rung.key]!, percent, periodStart)).at(-1);
  if (top) {
    for (const rung of ladder) {
      if (percent >= rung.percent) marks[rung.key] = fired(marks[rung.key]!, periodStart);
    }
  }

  const facts = usageFacts(usage, limit, percent);
  let raised: AlertFacts | null = top
    ? { ...facts, kind: 'threshold', threshold: top.key, thresholdPercent: top.percent }
    : null;

  if (newPeriod && marks.forecast) marks.forecast = { ...marks.forecast, armed: true };
  const projected = facts.projectedPercent;
  if (projected) {
    marks.forecast = updated(marks.forecast, 100, projected.low, {
      ...rearm,
      rearmOnNewPeriod: true,
      hysteresis: FORECAST_HYSTERESIS_POINTS,
    });
    const forecastDue = percent < 100 && due(marks.forecast, projected.low, periodStart);
    if (forecastDue && (raised !== null || rules.forecast)) {
      marks.forecast = fired(marks.forecast, periodStart);
      raised ??= { ...facts, kind: 'forecast' };
    }
  }
  return { state: { periodStart, limit, marks }, facts: raised };
}
