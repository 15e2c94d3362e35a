import type { Account } from '../../../src-shared/domain/account.ts';
import type { AlertSettings } from '../../../src-shared/domain/config.ts';
import type { Thresholds } from '../../../src-shared/domain/quota.ts';
import type { ThresholdKey } from './alert-schema.ts';

/** What applies to one meter's alerts once every level of settings is taken into account. */
export interface MeterAlertRules {
  readonly thresholds: Thresholds;
  /** Alert when the forecast reaches the quota before the period ends. */
  readonly forecast: boolean;
  /** Keep track, but never notify. */
  readonly muted: boolean;
}

/**
 * The most specific setting wins: the meter's (account `alerts.meters[id]`), then the quota's
 * own thresholds, then the account's, then the global ones. Muting at any level mutes.
 */
export function alertRulesFor(
  meterId: string,
  quotaThresholds: Thresholds | undefined,
  account: Pick<Account, 'alerts'>,
  settings: Pick<AlertSettings, 'thresholds' | 'forecast'>,
): MeterAlertRules {
  const own = account.alerts?.meters?.[meterId];
  return {
    thresholds:
      own?.thresholds ?? quotaThresholds ?? account.alerts?.thresholds ?? settings.thresholds,
    forecast: own?.forecast ?? account.alerts?.forecast ?? settings.forecast,
    muted: own?.muted === true || account.alerts?.muted === true,
  };
}

export interface Rung {
  readonly key: ThresholdKey;
  readonly percent: number;
}

/** Warning, critical and reached (100 %), lowest first. */
export function ladderOf(thresholds: Thresholds): Rung[] {
  const rungs: Rung[] = [
    { key: 'warning', percent: thresholds.warningPercent },
    { key: 'critical', percent: thresholds.criticalPercent },
    { key: 'reached', percent: 100 },
  ];
  return rungs.sort((a, b) => a.percent - b.percent);
}

/**
 * Percentage points a value must fall below a line before that line can fire again (for a
 * level that dips and climbs back; counters also re-arm when a new period starts).
 */
export const HYSTERESIS_POINTS = 2;
/** Forecasts move more than actual values; their line re-arms further down. */
export const FORECAST_HYSTERESIS_POINTS = 5;
