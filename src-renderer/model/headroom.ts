import type { Meter, MeterKind, Scope, ScopeLevel } from '../../src-shared/domain/meter.ts';
import type { MeterUnit } from '../../src-shared/domain/units.ts';
import type { AccountSnapshot, MeterUsage, Period } from '../../src-shared/domain/usage.ts';

export interface HeadroomRow {
  readonly line: MeterUsage;
  /** The region, service or domain, as people name it. */
  readonly name: string;
  readonly used: number;
  readonly limit: number | null;
  /** Left now (negative once over). */
  readonly remaining: number | null;
  /** Where the faster pace ends the period, and what that leaves. */
  readonly forecastHigh: number | null;
  readonly forecastLow: number | null;
  readonly remainingAtEnd: number | null;
}

export interface HeadroomGroup {
  readonly accountId: string;
  readonly accountLabel: string;
  readonly kind: MeterKind;
  readonly unit: MeterUnit;
  readonly scopeLevel: ScopeLevel;
  readonly period: Period;
  /** The scopes with an allowance, most room at the period's end first. */
  readonly rows: readonly HeadroomRow[];
  /** The scopes without one (a Memset service on an unmetered connection), by name. */
  readonly unmetered: readonly HeadroomRow[];
  /** Where there is the most room left at the end of the period, if anywhere. */
  readonly best: HeadroomRow | null;
}

/** How rows are named: by their scope, or by their line where scopes repeat. */
export interface RowNames {
  readonly meter: (meter: Meter) => string;
  readonly scope: (scope: Scope) => string;
}

const ENGLISH_NAMES: RowNames = {
  meter: (meter) => meter.label,
  scope: (scope) => scope.label ?? scope.id,
};

/**
 * Where is there headroom: for every account whose allowance is split by scope (a region, a
 * service, a domain), the lines of one kind and unit side by side, so that work can move to
 * where the allowance is. Derived from the lines' scopes and quotas alone, for any provider.
 */
export function headroomGroups(
  snapshots: readonly AccountSnapshot[],
  /** How the window names a snapshot's meters and scopes (its language). */
  namesOf: (snapshot: AccountSnapshot) => RowNames = () => ENGLISH_NAMES,
): HeadroomGroup[] {
  const groups: HeadroomGroup[] = [];
  for (const snapshot of snapshots) {
    const names = namesOf(snapshot);
    const byKey = new Map<string, MeterUsage[]>();
    for (const line of snapshot.meters) {
      if (line.meter.scope.level === 'account') continue;
      const key = `${line.meter.kind}|${line.meter.unit}|${line.meter.scope.level}`;
      const list = byKey.get(key);
      if (list) list.push(line);
      else byKey.set(key, [line]);
    }
    for (const lines of byKey.values()) {
      const scopes = new Set(lines.map((l) => l.meter.scope.id));
      if (scopes.size < 2 || !lines.some((l) => l.quota !== null)) continue;
      const first = lines[0]!;
      // Two lines of one scope (a service's server and CDN traffic) need the line's own name.
      const name = (line: MeterUsage) =>
        scopes.size < lines.length ? names.meter(line.meter) : names.scope(line.meter.scope);
      const all = lines.map((line) => rowOf(line, name(line))).sort(byRoom);
      const rows = all.filter((row) => row.limit !== null);
      const best =
        rows[0] && rows[0].remainingAtEnd !== null && rows[0].remainingAtEnd > 0 ? rows[0] : null;
      groups.push({
        accountId: snapshot.accountId,
        accountLabel: snapshot.label,
        kind: first.meter.kind,
        unit: first.meter.unit,
        scopeLevel: first.meter.scope.level,
        period: first.period,
        rows,
        unmetered: all.filter((row) => row.limit === null),
        best,
      });
    }
  }
  return groups;
}

function rowOf(line: MeterUsage, name: string): HeadroomRow {
  const limit = line.quota?.limit ?? null;
  const forecastHigh = line.forecast ? line.forecast.high : null;
  return {
    line,
    name,
    used: line.used,
    limit,
    remaining: line.remaining,
    forecastHigh,
    forecastLow: line.forecast ? line.forecast.low : null,
    remainingAtEnd: limit === null ? null : limit - Math.max(forecastHigh ?? line.used, line.used),
  };
}

function byRoom(a: HeadroomRow, b: HeadroomRow): number {
  if (a.remainingAtEnd === null || b.remainingAtEnd === null)
    return (
      Number(a.remainingAtEnd === null) - Number(b.remainingAtEnd === null) ||
      a.name.localeCompare(b.name)
    );
  return b.remainingAtEnd - a.remainingAtEnd || a.name.localeCompare(b.name);
}
