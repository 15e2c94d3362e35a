import type { AccountSnapshot, Level, MeterUsage } from '../../src-shared/domain/usage.ts';

const LEVEL_RANK: Record<Level, number> = { exceeded: 4, critical: 3, warning: 2, ok: 1, none: 0 };

/**
 * The line an account's card leads with: the one closest to (or furthest over) its quota; an
 * account without quotas leads with its first line.
 */
export function primaryLine(snapshot: Pick<AccountSnapshot, 'meters'>): MeterUsage | null {
  let best: MeterUsage | null = null;
  for (const line of snapshot.meters) {
    if (!best || compareUrgency(line, best) < 0) best = line;
  }
  return best;
}

/** Most urgent first: level, then percent used, then lines with a quota before those without. */
export function compareUrgency(a: MeterUsage, b: MeterUsage): number {
  return (
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    (b.percentUsed ?? -1) - (a.percentUsed ?? -1) ||
    Number(b.quota !== null) - Number(a.quota !== null)
  );
}

export function linesByUrgency(lines: readonly MeterUsage[]): MeterUsage[] {
  return [...lines].sort(compareUrgency);
}

/** The worst level among an account's lines, for its badge. */
export function worstLevel(snapshot: Pick<AccountSnapshot, 'meters'>): Level {
  return primaryLine(snapshot)?.level ?? 'none';
}

export function lineKey(line: MeterUsage): string {
  return line.meter.id;
}

/** True for levels (storage) rather than amounts used (transfer, cost). */
export function isGaugeLine(line: MeterUsage): boolean {
  return line.meter.series === 'gauge';
}
