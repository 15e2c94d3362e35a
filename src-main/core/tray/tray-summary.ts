import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { MeterUnit } from '../../../src-shared/domain/units.ts';
import type { AccountSnapshot, AccountStatus, Level } from '../../../src-shared/domain/usage.ts';
import { quotaReadings, warningNotice, watchedAccounts, type QuotaReading } from './readings.ts';

/** An account's meter closest to its quota, in the terms the tooltip speaks. */
export interface TrayMeterSummary {
  readonly meterLabel: string;
  readonly percentUsed: number;
  /** Quota minus used, in the meter's unit; negative once exceeded. */
  readonly remaining: number | null;
  readonly unit: MeterUnit;
  /** End of the billing period (exclusive), when the meter resets. */
  readonly resetsAt: Instant;
  readonly level: Level;
}

/** One account as the tray describes it. Structured, so a translation can replace the English. */
export interface TrayAccountSummary {
  readonly accountId: string;
  readonly label: string;
  readonly status: AccountStatus;
  readonly dataAsOf: Instant | null;
  /** Null when no meter of the account has a quota (or nothing was read yet). */
  readonly worst: TrayMeterSummary | null;
  /** The provider's warning about the account (a connection in arrears), if it gave one. */
  readonly warning: string | null;
}

export interface TraySummary {
  /** The accounts to show, the one closest to its quota first. */
  readonly accounts: readonly TrayAccountSummary[];
  /** Watched accounts left out for brevity. */
  readonly more: number;
  /** Whether any account is watched at all (for the "no accounts" wording). */
  readonly watched: number;
}

export interface TraySummaryOptions {
  /** How many accounts to list by percent used; failing ones are listed in addition. */
  readonly topAccounts?: number;
}

function summarize(snapshot: AccountSnapshot, reading: QuotaReading | undefined) {
  const worst: TrayMeterSummary | null = reading
    ? {
        meterLabel: reading.usage.meter.label,
        percentUsed: reading.percentUsed,
        remaining: reading.usage.remaining,
        unit: reading.usage.meter.unit,
        resetsAt: reading.usage.period.end,
        level: reading.usage.level,
      }
    : null;
  return {
    accountId: snapshot.accountId,
    label: snapshot.label,
    status: snapshot.status,
    dataAsOf: snapshot.dataAsOf,
    worst,
    warning: warningNotice(snapshot),
  } satisfies TrayAccountSummary;
}

const PROBLEM_STATES: ReadonlySet<AccountStatus['state']> = new Set([
  'error',
  'needs-credentials',
  'stale',
]);

/** Failing, missing credentials, or stale: what the icon's badge is about. */
export function isProblem(status: AccountStatus): boolean {
  return PROBLEM_STATES.has(status.state);
}

/**
 * The accounts the tooltip lists: the `topAccounts` closest to their quotas, then every failing
 * or stale account that did not make the cut (the icon shows a badge for them, so the tooltip
 * must say which), then the rest as a count.
 */
export function traySummary(
  snapshots: readonly AccountSnapshot[],
  options: TraySummaryOptions = {},
): TraySummary {
  const top = options.topAccounts ?? 3;
  const watched = watchedAccounts(snapshots);
  const worstByAccount = new Map<AccountSnapshot, QuotaReading>();
  for (const reading of quotaReadings(watched)) {
    if (!worstByAccount.has(reading.snapshot)) worstByAccount.set(reading.snapshot, reading);
  }
  // Accounts with a quota in reading order, then the others in their configured order.
  const ordered = [
    ...worstByAccount.keys(),
    ...watched.filter((snapshot) => !worstByAccount.has(snapshot)),
  ];
  const shown = ordered.filter((snapshot, index) => index < top || isProblem(snapshot.status));
  return {
    accounts: shown.map((snapshot) => summarize(snapshot, worstByAccount.get(snapshot))),
    more: watched.length - shown.length,
    watched: watched.length,
  };
}
