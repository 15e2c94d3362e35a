import {
  parseAlertState,
  serializeAlertState,
  emptyAlertState,
} from '../../../src-main/core/alerts/alert-state.ts';
import type { AlertEvent, AlertState } from '../../../src-main/core/alerts/alert-schema.ts';
import { evaluateAccountAlerts } from '../../../src-main/core/alerts/evaluate.ts';
import { periodAt } from '../../../src-main/core/quota/period.ts';
import type { Account } from '../../../src-shared/domain/account.ts';
import { AlertSettingsSchema, type AlertSettings } from '../../../src-shared/domain/config.ts';
import type {
  AccountSnapshot,
  AccountStatus,
  MeterUsage,
} from '../../../src-shared/domain/usage.ts';
import { GB, meter, TOKYO } from '../fixtures.ts';

export const SETTINGS: AlertSettings = AlertSettingsSchema.parse({});

export interface UsageSpec {
  readonly used: number;
  readonly limit?: number;
  readonly now: number;
  readonly id?: string;
  readonly label?: string;
  readonly gauge?: boolean;
  /** Projected period-end value range. */
  readonly forecast?: { low: number; high: number } | null;
  readonly unit?: 'GB';
}

/** A usage line as computeSnapshot would give it, with just the numbers a test cares about. */
export function usage(spec: UsageSpec): MeterUsage {
  const limit = spec.limit ?? 1000 * GB;
  const period = periodAt(spec.now, { anchorDay: 1, timeZone: TOKYO });
  const m = meter(spec.id ?? 'transfer:jp-east', {
    label: spec.label ?? 'jp-east',
    series: spec.gauge ? 'gauge' : 'delta',
    kind: spec.gauge ? 'storage' : 'transfer-total',
  });
  const percentUsed = (spec.used / limit) * 100;
  return {
    meter: m,
    memberMeterIds: [m.id],
    period,
    used: spec.used,
    peak: null,
    quota: { limit, source: 'user', quotaId: 'q', ...(spec.unit ? { unit: spec.unit } : {}) },
    percentUsed,
    remaining: limit - spec.used,
    level: 'ok',
    thresholds: { warningPercent: 80, criticalPercent: 95 },
    forecast: spec.forecast ? { ...spec.forecast, basis: 'trend', runsOutAt: null } : null,
    dailyBudget: null,
    daily: [],
  };
}

export function snapshot(
  meters: MeterUsage[],
  options: { status?: AccountStatus; fetchedAt?: number | null; id?: string; label?: string } = {},
): AccountSnapshot {
  return {
    accountId: options.id ?? 'idcf',
    provider: 'idcf',
    label: options.label ?? 'IDCF',
    demo: false,
    status: options.status ?? { state: 'ok' },
    fetchedAt: options.fetchedAt ?? null,
    dataAsOf: null,
    meters,
    notices: [],
  };
}

/**
 * Evaluates alerts the way the polling service does, storing the state as JSON and reading
 * it back between every two runs, so every step is also a restart.
 */
export class AlertRun {
  json = serializeAlertState(emptyAlertState());
  readonly events: AlertEvent[] = [];

  get state(): AlertState {
    return parseAlertState(this.json);
  }

  step(
    now: number,
    snap: AccountSnapshot,
    options: { account?: Pick<Account, 'alerts'>; settings?: Partial<AlertSettings> } = {},
  ): AlertEvent[] {
    const { state, raised } = evaluateAccountAlerts(this.state, {
      now,
      snapshot: snap,
      account: options.account ?? {},
      settings: { ...SETTINGS, ...options.settings },
      units: 'si',
      timeZone: 'Europe/Berlin',
    });
    this.json = serializeAlertState(state);
    this.events.push(...raised);
    return raised;
  }
}

/** "threshold-warning", "forecast", "credentials"…: what kind of alert each event is. */
export const kinds = (events: readonly AlertEvent[]): string[] =>
  events.map((e) =>
    e.facts.kind === 'threshold' ? `threshold-${e.facts.threshold}` : e.facts.kind,
  );
