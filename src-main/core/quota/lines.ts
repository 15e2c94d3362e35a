import type { Account } from '../../../src-shared/domain/account.ts';
import type { Meter } from '../../../src-shared/domain/meter.ts';
import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import type { MeterMatch, Quota, Thresholds } from '../../../src-shared/domain/quota.ts';
import { limitInMeterUnit, type LimitUnit } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderQuota } from '../../../src-shared/domain/usage.ts';
import type { PeriodRule } from './period.ts';

/** One thing to report usage for: a meter, or a pool of meters under one quota. */
export interface TrackedLine {
  readonly meter: Meter;
  readonly members: readonly Meter[];
  readonly limit: number | null;
  /** The unit the quota was written in (3,240 GB stays "GB" in messages); null if unknown. */
  readonly limitUnit: LimitUnit | null;
  readonly source: 'user' | 'provider' | 'default' | null;
  readonly quotaId: string | null;
  readonly periodRule: PeriodRule;
  readonly thresholds: Thresholds | undefined;
}

export function meterMatches(meter: Meter, match: MeterMatch): boolean {
  // A breakdown of another meter joins a quota only by name: matched by kind or scope it would
  // count the same bytes twice (once in its total, once on its own).
  if (match.meterIds === undefined && meter.breakdownOf !== undefined) return false;
  return (
    (match.meterIds === undefined || match.meterIds.includes(meter.id)) &&
    (match.kind === undefined || match.kind === meter.kind) &&
    (match.scopeLevel === undefined || match.scopeLevel === meter.scope.level) &&
    (match.scopeId === undefined || match.scopeId === meter.scope.id)
  );
}

function ruleOf(quota: Quota | null, billingTimeZone: string): PeriodRule {
  return {
    anchorDay: quota?.period.anchorDay ?? 1,
    timeZone: quota?.period.timeZone ?? billingTimeZone,
  };
}

/** The meter that stands for a pool in charts and lists. */
function poolMeter(id: string, label: string, members: readonly Meter[], timeZone: string): Meter {
  const first = members[0]!;
  return {
    id: `pool:${id}`,
    label,
    kind: members.every((m) => m.kind === first.kind) ? first.kind : 'transfer-total',
    unit: first.unit,
    scope: { level: 'account', id: '' },
    series: 'delta',
    resolution: 'day',
    timeZone,
  };
}

export interface ResolvedLines {
  readonly lines: TrackedLine[];
  /** Quotas that could not be applied (wrong unit, mixed units in a pool). */
  readonly notices: Notice[];
}

/**
 * Decides which quota governs each meter, and which pools exist. For a meter's own quota the
 * user's wins over the provider's, which wins over the descriptor's default; a user quota with
 * the same id as a default replaces it. Every meter gets a line, with or without a quota.
 */
export function resolveLines(
  meters: readonly Meter[],
  account: Pick<Account, 'quotas'>,
  providerQuotas: readonly ProviderQuota[],
  descriptor: Pick<ProviderDescriptor, 'defaultQuotas' | 'billingTimeZone'>,
): ResolvedLines {
  const userIds = new Set(account.quotas.map((q) => q.id));
  const quotas: { quota: Quota; source: 'user' | 'default' }[] = [
    ...account.quotas.map((quota) => ({ quota, source: 'user' as const })),
    ...descriptor.defaultQuotas
      .filter((q) => !userIds.has(q.id))
      .map((quota) => ({ quota, source: 'default' as const })),
  ];
  const notices: Notice[] = [];
  const limitFor = (quota: Quota, meter: Meter): number | null => {
    const limit = limitInMeterUnit(quota.limit.amount, quota.limit.unit, meter.unit);
    if (limit === null) {
      notices.push({
        level: 'warning',
        meterId: meter.id,
        message: `quota "${quota.id}" is in ${quota.limit.unit} but ${meter.label} is measured in ${meter.unit}; ignored`,
      });
    }
    return limit;
  };

  const lines: TrackedLine[] = [];
  for (const meter of meters) {
    const own = quotas.find(
      ({ quota }) => quota.combine === 'each' && meterMatches(meter, quota.match),
    );
    const ownLimit = own ? limitFor(own.quota, meter) : null;
    const fromProvider = providerQuotas.find(
      (q) => q.meterIds.length === 1 && q.meterIds[0] === meter.id,
    );
    if (own && ownLimit !== null && own.source === 'user') {
      lines.push(line(meter, [meter], ownLimit, 'user', own.quota, descriptor.billingTimeZone));
    } else if (fromProvider) {
      lines.push({
        ...line(meter, [meter], fromProvider.limit, 'provider', null, descriptor.billingTimeZone),
        quotaId: null,
      });
    } else if (own && ownLimit !== null) {
      lines.push(line(meter, [meter], ownLimit, own.source, own.quota, descriptor.billingTimeZone));
    } else {
      lines.push(line(meter, [meter], null, null, null, descriptor.billingTimeZone));
    }
  }

  for (const { quota, source } of quotas.filter(({ quota }) => quota.combine === 'pool')) {
    const members = meters.filter((m) => meterMatches(m, quota.match));
    if (members.length === 0) continue;
    if (members.some((m) => m.unit !== members[0]!.unit)) {
      notices.push({
        level: 'warning',
        message: `quota "${quota.id}" pools meters of different units; ignored`,
      });
      continue;
    }
    // A level (stored bytes) and an amount (bytes transferred) cannot be added up.
    if (members.some((m) => (m.series === 'gauge') !== (members[0]!.series === 'gauge'))) {
      notices.push({
        level: 'warning',
        message: `quota "${quota.id}" pools storage levels with transfer or cost amounts; ignored`,
      });
      continue;
    }
    const timeZone = quota.period.timeZone ?? descriptor.billingTimeZone;
    const meter = poolMeter(quota.id, quota.label ?? quota.id, members, timeZone);
    const limit = limitFor(quota, meter);
    if (limit !== null)
      lines.push(line(meter, members, limit, source, quota, descriptor.billingTimeZone));
  }
  for (const pooled of providerQuotas.filter((q) => q.meterIds.length > 1)) {
    const members = meters.filter((m) => pooled.meterIds.includes(m.id));
    if (members.length === 0) continue;
    const id = pooled.meterIds.join('+');
    const meter = poolMeter(
      id,
      pooled.label ?? 'Pooled quota',
      members,
      descriptor.billingTimeZone,
    );
    if (members.some((m) => (m.series === 'gauge') !== (members[0]!.series === 'gauge'))) {
      notices.push({
        level: 'warning',
        message: `the provider's pooled quota over ${id} mixes storage levels with amounts; ignored`,
      });
      continue;
    }
    lines.push({
      ...line(meter, members, pooled.limit, 'provider', null, descriptor.billingTimeZone),
      quotaId: null,
    });
  }
  return { lines, notices };
}

function line(
  meter: Meter,
  members: readonly Meter[],
  limit: number | null,
  source: TrackedLine['source'],
  quota: Quota | null,
  billingTimeZone: string,
): TrackedLine {
  return {
    meter,
    members,
    limit,
    limitUnit: quota?.limit.unit ?? null,
    source,
    quotaId: quota?.id ?? null,
    periodRule: ruleOf(quota, billingTimeZone),
    thresholds: quota?.thresholds,
  };
}
