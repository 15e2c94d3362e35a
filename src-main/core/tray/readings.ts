import type { AccountSnapshot, Level, MeterUsage } from '../../../src-shared/domain/usage.ts';

/** A meter line that has a quota, with the account it belongs to. */
export interface QuotaReading {
  readonly snapshot: AccountSnapshot;
  readonly usage: MeterUsage;
  readonly percentUsed: number;
}

const LEVEL_RANK: Readonly<Record<Level, number>> = {
  none: 0,
  ok: 1,
  warning: 2,
  critical: 3,
  exceeded: 4,
};

/** Disabled accounts are configured but not watched: the tray ignores them. */
export function watchedAccounts(snapshots: readonly AccountSnapshot[]): AccountSnapshot[] {
  return snapshots.filter((s) => s.status.state !== 'disabled');
}

/**
 * Every meter with a quota across the watched accounts, closest to its limit first. Stale and
 * failing accounts keep their last known meters: old numbers are still the best estimate.
 * Ties go to the more severe level (accounts may have their own thresholds), then by name, so
 * the order never depends on the order snapshots arrive in.
 */
export function quotaReadings(snapshots: readonly AccountSnapshot[]): QuotaReading[] {
  const readings: QuotaReading[] = [];
  for (const snapshot of watchedAccounts(snapshots)) {
    for (const usage of snapshot.meters) {
      if (usage.quota === null || usage.percentUsed === null) continue;
      readings.push({ snapshot, usage, percentUsed: usage.percentUsed });
    }
  }
  return readings.sort(
    (a, b) =>
      b.percentUsed - a.percentUsed ||
      LEVEL_RANK[b.usage.level] - LEVEL_RANK[a.usage.level] ||
      a.snapshot.label.localeCompare(b.snapshot.label) ||
      a.usage.meter.label.localeCompare(b.usage.meter.label),
  );
}

/** The meter closest to its quota across all watched accounts, or null when none has a quota. */
export function worstReading(snapshots: readonly AccountSnapshot[]): QuotaReading | null {
  return quotaReadings(snapshots)[0] ?? null;
}

/** The provider's first warning about the account (a Memset connection in arrears), if any. */
export function warningNotice(snapshot: AccountSnapshot): string | null {
  return snapshot.notices.find((notice) => notice.level === 'warning')?.message ?? null;
}

/**
 * The most severe level of any watched meter (thresholds can differ per account). A warning
 * notice counts as at least a warning: the provider itself says something needs attention.
 */
export function mostSevereLevel(snapshots: readonly AccountSnapshot[]): Level {
  let worst: Level = 'none';
  const raise = (level: Level) => {
    if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
  };
  for (const snapshot of watchedAccounts(snapshots)) {
    for (const usage of snapshot.meters) raise(usage.level);
    if (warningNotice(snapshot) !== null) raise('warning');
  }
  return worst;
}
