import { levelOf } from '../../../src-main/core/quota/meter-usage.ts';
import type { Thresholds } from '../../../src-shared/domain/quota.ts';
import type { MeterUnit } from '../../../src-shared/domain/units.ts';
import type {
  AccountSnapshot,
  AccountStatus,
  MeterUsage,
} from '../../../src-shared/domain/usage.ts';

/** Ten days before the period ends. */
export const NOW = Date.parse('2024-07-22T00:00:00Z');
export const PERIOD_END = Date.parse('2024-08-01T00:00:00Z');
export const GB = 1e9;
const DEFAULT_THRESHOLDS: Thresholds = { warningPercent: 80, criticalPercent: 95 };

interface MeterOptions {
  /** Null: a meter without a quota. */
  readonly percent: number | null;
  readonly limit?: number;
  readonly unit?: MeterUnit;
  readonly thresholds?: Thresholds;
}

/** A meter line as computeSnapshot would produce it, at a chosen percent of its quota. */
export function meterAt(label: string, options: MeterOptions): MeterUsage {
  const limit = options.limit ?? 1000 * GB;
  const percent = options.percent;
  const used = percent === null ? 42 * GB : (percent / 100) * limit;
  return {
    meter: {
      id: label.toLowerCase().replaceAll(' ', '-'),
      label,
      kind: 'transfer-total',
      unit: options.unit ?? 'bytes',
      scope: { level: 'account', id: '' },
      series: 'delta',
      resolution: 'day',
      timeZone: 'UTC',
    },
    memberMeterIds: [label],
    period: { start: Date.parse('2024-07-01T00:00:00Z'), end: PERIOD_END, timeZone: 'UTC' },
    used,
    peak: null,
    quota: percent === null ? null : { limit, source: 'user', quotaId: 'q' },
    percentUsed: percent,
    remaining: percent === null ? null : limit - used,
    level: levelOf(percent, options.thresholds ?? DEFAULT_THRESHOLDS),
    forecast: null,
    dailyBudget: null,
    daily: [],
  };
}

interface AccountOptions {
  readonly label?: string;
  readonly meters?: readonly MeterUsage[];
  readonly status?: AccountStatus;
  readonly dataAsOf?: number | null;
  readonly notices?: AccountSnapshot['notices'];
}

export function account(id: string, options: AccountOptions = {}): AccountSnapshot {
  const dataAsOf = options.dataAsOf === undefined ? NOW - 12 * 60_000 : options.dataAsOf;
  return {
    accountId: id,
    provider: 'demo',
    label: options.label ?? id,
    demo: false,
    status: options.status ?? { state: 'ok' },
    fetchedAt: dataAsOf,
    dataAsOf,
    meters: [...(options.meters ?? [])],
    notices: [...(options.notices ?? [])],
  };
}

/** An account whose only meter with a quota stands at `percent`. */
export function accountAt(id: string, percent: number, options: AccountOptions = {}) {
  return account(id, { ...options, meters: [meterAt('Transfer', { percent })] });
}
