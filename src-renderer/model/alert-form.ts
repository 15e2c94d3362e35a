import type { AccountAlertsSchema } from '../../src-shared/domain/account.ts';
import type { Thresholds } from '../../src-shared/domain/quota.ts';
import type { z } from 'zod';

type AccountAlerts = z.infer<typeof AccountAlertsSchema>;

/** Two percents as typed; both empty means "inherit". */
export interface ThresholdFields {
  readonly warning: string;
  readonly critical: string;
}

export type ThresholdProblem = 'number' | 'both' | 'order';

export type ThresholdResult =
  | { readonly ok: true; readonly value: Thresholds | undefined }
  | { readonly ok: false; readonly problem: ThresholdProblem };

export function thresholdFields(thresholds: Thresholds | undefined): ThresholdFields {
  return thresholds
    ? { warning: String(thresholds.warningPercent), critical: String(thresholds.criticalPercent) }
    : { warning: '', critical: '' };
}

/** Checks typed thresholds the way the config schema will: percents, warning below critical. */
export function parseThresholds(fields: ThresholdFields): ThresholdResult {
  const warning = fields.warning.trim();
  const critical = fields.critical.trim();
  if (warning === '' && critical === '') return { ok: true, value: undefined };
  if (warning === '' || critical === '') return { ok: false, problem: 'both' };
  const w = Number(warning);
  const c = Number(critical);
  if (![w, c].every((n) => Number.isFinite(n) && n >= 0 && n <= 1000))
    return { ok: false, problem: 'number' };
  if (w >= c) return { ok: false, problem: 'order' };
  return { ok: true, value: { warningPercent: w, criticalPercent: c } };
}

export type ForecastChoice = 'inherit' | 'on' | 'off';

export interface AccountAlertFields {
  readonly thresholds: ThresholdFields;
  readonly forecast: ForecastChoice;
  readonly muted: boolean;
  /** Per line (meter id or pool id): thresholds and mute. */
  readonly meters: Readonly<
    Record<string, { readonly thresholds: ThresholdFields; readonly muted: boolean }>
  >;
}

export function accountAlertFields(alerts: AccountAlerts | undefined): AccountAlertFields {
  const meters: Record<string, { thresholds: ThresholdFields; muted: boolean }> = {};
  for (const [id, meter] of Object.entries(alerts?.meters ?? {})) {
    meters[id] = { thresholds: thresholdFields(meter.thresholds), muted: meter.muted ?? false };
  }
  return {
    thresholds: thresholdFields(alerts?.thresholds),
    forecast: alerts?.forecast === undefined ? 'inherit' : alerts.forecast ? 'on' : 'off',
    muted: alerts?.muted ?? false,
    meters,
  };
}

export type AccountAlertsResult =
  | { readonly ok: true; readonly value: AccountAlerts | undefined }
  | { readonly ok: false; readonly problems: Readonly<Record<string, ThresholdProblem>> };

/**
 * The account's `alerts` block from the form, keeping only what differs from inheriting, so
 * that the config file stays as small as the user's choices. Problems are keyed `account` or
 * by meter id.
 */
export function buildAccountAlerts(
  fields: AccountAlertFields,
  previous: AccountAlerts | undefined,
): AccountAlertsResult {
  const problems: Record<string, ThresholdProblem> = {};
  const own = parseThresholds(fields.thresholds);
  if (!own.ok) problems.account = own.problem;
  const meters: NonNullable<AccountAlerts['meters']> = {};
  for (const [id, meter] of Object.entries(fields.meters)) {
    const parsed = parseThresholds(meter.thresholds);
    if (!parsed.ok) {
      problems[id] = parsed.problem;
      continue;
    }
    const kept = previous?.meters?.[id];
    const entry = {
      ...(kept?.forecast !== undefined ? { forecast: kept.forecast } : {}),
      ...(parsed.value ? { thresholds: parsed.value } : {}),
      ...(meter.muted ? { muted: true } : {}),
    };
    if (Object.keys(entry).length > 0) meters[id] = entry;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const value: AccountAlerts = {
    ...(own.ok && own.value ? { thresholds: own.value } : {}),
    ...(fields.forecast === 'inherit' ? {} : { forecast: fields.forecast === 'on' }),
    ...(fields.muted ? { muted: true } : {}),
    ...(Object.keys(meters).length > 0 ? { meters } : {}),
  };
  return { ok: true, value: Object.keys(value).length > 0 ? value : undefined };
}
