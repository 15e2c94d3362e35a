import { resolveLines, type TrackedLine } from '../../src-main/core/quota/lines.ts';
import type { Meter, Sample } from '../../src-shared/domain/meter.ts';
import { QuotaSchema, type QuotaInput } from '../../src-shared/domain/quota.ts';
import type { ProviderQuota } from '../../src-shared/domain/usage.ts';

/** Small builders shared by the quota, alert and snapshot tests. */

export const GB = 1e9;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const TOKYO = 'Asia/Tokyo';

export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad date in test: ${iso}`);
  return ms;
};
export const iso = (ms: number): string => new Date(ms).toISOString();

export function meter(id: string, extra: Partial<Meter> = {}): Meter {
  return {
    id,
    label: id,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'region', id: id.split(':')[1] ?? '' },
    series: 'delta',
    resolution: 'day',
    timeZone: TOKYO,
    ...extra,
  };
}

/** Daily delta samples, one per day from `firstDay` (an instant at a local midnight). */
export function daily(meterId: string, firstDay: number, values: readonly number[]): Sample[] {
  return values.map((value, i) => ({ meterId, at: firstDay + i * DAY, value }));
}

/** The tracked line of a single meter under a user quota (or of the pool it defines). */
export function lineFor(
  meters: readonly Meter[],
  quota: QuotaInput | null,
  options: { billingTimeZone?: string; providerQuotas?: ProviderQuota[] } = {},
): TrackedLine {
  const { lines } = resolveLines(
    meters,
    { quotas: quota ? [QuotaSchema.parse(quota)] : [] },
    options.providerQuotas ?? [],
    { defaultQuotas: [], billingTimeZone: options.billingTimeZone ?? TOKYO },
  );
  const pooled = lines.find((l) => l.members.length > 1);
  return pooled ?? lines[0]!;
}

export const THRESHOLDS = { warningPercent: 80, criticalPercent: 95 };
