import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { toBytes, type DataUnit } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { addDays, dayKey } from '../../core/time/zoned.ts';
import type { TimeRange } from '../provider.ts';
import type { Eip } from './surfercloud.api.ts';
import { SURFERCLOUD_TIME_ZONE as ZONE, TOTAL_METER_ID } from './surfercloud.descriptor.ts';
import type { DailyStat } from './surfercloud.schema.ts';

/** GetThroughputDailyBillingInfo accepts at most this many days per call. */
export const MAX_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * Splits [start, end) into windows the API accepts: none before the EIP's creation time, each
 * at most 365 days, on whole seconds (the API takes unix seconds). Windows after the first
 * start at midnight, so a day is never cut between two windows.
 */
export function billingWindows(range: TimeRange, createdAt: Instant): TimeRange[] {
  const windows: TimeRange[] = [];
  let from = Math.max(range.start, createdAt);
  while (from < range.end) {
    const to = Math.min(
      range.end,
      addDays(from, MAX_WINDOW_DAYS, ZONE),
      from + MAX_WINDOW_DAYS * DAY_MS,
    );
    const start = Math.ceil(from / 1000) * 1000;
    const end = Math.floor(to / 1000) * 1000;
    if (end > start) windows.push({ start, end });
    from = to;
  }
  return windows;
}

export function eipMeterId(eip: Pick<Eip, 'id'>): string {
  return `transfer-out:${eip.id}`;
}

function isBilled(stat: DailyStat): boolean {
  return stat.BillingState?.toLowerCase() === 'yes';
}

/**
 * One EIP's days from all its windows: those that overlap the range, once each (a day
 * answered twice keeps its larger figure), in order.
 */
function daysOf(stats: readonly DailyStat[], range: TimeRange): DailyStat[] {
  const byStart = new Map<number, DailyStat>();
  for (const stat of stats) {
    if (stat.EndTime * 1000 <= range.start || stat.StartTime * 1000 >= range.end) continue;
    const known = byStart.get(stat.StartTime);
    if (!known || stat.QuantityOut > known.QuantityOut) byStart.set(stat.StartTime, stat);
  }
  return [...byStart.values()].sort((a, b) => a.StartTime - b.StartTime);
}

const meterBase = {
  kind: 'transfer-out',
  unit: 'bytes',
  series: 'delta',
  resolution: 'day',
  timeZone: ZONE,
} as const;

function eipMeter(eip: Eip, notBilledDays: number): Meter {
  const named = eip.name !== '' && eip.name !== 'EIP' ? ` (${eip.name})` : '';
  return {
    ...meterBase,
    id: eipMeterId(eip),
    label: `${eip.address ?? eip.id}${named} outbound`,
    scope: { level: 'resource', id: eip.id, label: eip.address ?? eip.id },
    details: {
      region: eip.region,
      ...(eip.address ? { address: eip.address } : {}),
      ...(named ? { name: eip.name } : {}),
      ...(!eip.listed ? { listed: false } : {}),
      ...(eip.listed && eip.payMode !== 'Traffic' ? { payModeNow: eip.payMode } : {}),
      notBilledDays,
    },
  };
}

export interface BilledEip {
  readonly eip: Eip;
  /** Every day the API returned for the EIP, across windows. */
  readonly stats: readonly DailyStat[];
}

/**
 * Meters and samples: a daily `transfer-out` delta per EIP, at the instant each day starts
 * according to the API's own StartTime epoch, plus their per-day sum for the account. Days
 * SurferCloud has not billed yet (BillingState "No") are kept and named in a notice.
 */
export function usageFromBilling(
  billed: readonly BilledEip[],
  range: TimeRange,
  unit: DataUnit,
  /** The account's `eips` option limits the EIPs read, so the total is not of all of them. */
  chosenOnly = false,
): Required<Pick<ProviderUsageInput, 'meters' | 'samples' | 'notices'>> & {
  dataAsOf?: Instant;
} {
  const meters: Meter[] = [];
  const samples: Sample[] = [];
  const totals = new Map<Instant, number>();
  const unbilledDays = new Set<string>();
  let firstUnbilled = Number.POSITIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const { eip, stats } of billed) {
    const days = daysOf(stats, range);
    let notBilled = 0;
    for (const day of days) {
      const at = day.StartTime * 1000;
      const bytes = toBytes(day.QuantityOut, unit);
      samples.push({ meterId: eipMeterId(eip), at, value: bytes });
      totals.set(at, (totals.get(at) ?? 0) + bytes);
      lastEnd = Math.max(lastEnd, day.EndTime * 1000);
      if (!isBilled(day)) {
        notBilled += 1;
        unbilledDays.add(dayKey(at, ZONE));
        firstUnbilled = Math.min(firstUnbilled, at);
      }
    }
    meters.push(eipMeter(eip, notBilled));
  }
  meters.push({
    ...meterBase,
    id: TOTAL_METER_ID,
    label: chosenOnly ? 'The chosen EIPs, outbound' : 'All traffic-billed EIPs, outbound',
    scope: { level: 'account', id: '' },
    details: { eips: billed.length },
  });
  for (const [at, value] of [...totals].sort((a, b) => a[0] - b[0]))
    samples.push({ meterId: TOTAL_METER_ID, at, value });
  const notices: Notice[] = [];
  if (unbilledDays.size > 0) {
    notices.push({
      level: 'info',
      meterId: TOTAL_METER_ID,
      message: `Not billed yet by SurferCloud (BillingState "No"), may still change: ${[...unbilledDays].sort().join(', ')}`,
    });
  }
  // Complete up to the first day not billed yet, else to the end of the last day reported.
  const dataAsOf = Number.isFinite(firstUnbilled)
    ? firstUnbilled
    : Number.isFinite(lastEnd)
      ? lastEnd
      : undefined;
  return { meters, samples, notices, ...(dataAsOf === undefined ? {} : { dataAsOf }) };
}
