import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Choice } from '../../../src-shared/domain/provider-descriptor.ts';
import { formatMoney, toBytes } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { IDCF_TIME_ZONE } from './idcf.descriptor.ts';
import { endOfJstDay, type IdcfMonthSpan } from './idcf.months.ts';
import { TRANSFER_CATEGORY, type IdcfBillingMonth, type IdcfBillingRow } from './idcf.schema.ts';

/** One month's bill as fetched; `current` is the month that contains now (still growing). */
export interface IdcfBill {
  readonly month: IdcfMonthSpan;
  readonly bill: IdcfBillingMonth;
  readonly current: boolean;
}

const REGION_NAMES: Readonly<Record<string, string>> = {
  'jp-east': 'East Japan',
  'jp-east-2': 'East Japan 2',
  'jp-east-3': 'East Japan 3',
  'jp-west': 'West Japan',
  global: 'Global',
};
const REGION_ORDER = Object.keys(REGION_NAMES);

export function regionLabel(region: string): string {
  const name = REGION_NAMES[region];
  return name ? `${name} (${region})` : region;
}

function byRegionOrder(a: string, b: string): number {
  const rank = (r: string) => (REGION_ORDER.includes(r) ? REGION_ORDER.indexOf(r) : 99);
  return rank(a) - rank(b) || a.localeCompare(b);
}

const isTransfer = (row: IdcfBillingRow) => row.Category === TRANSFER_CATEGORY;
/** Coupons (and any other credit) are the negative rows; the Menu says "Coupon". */
const isCredit = (row: IdcfBillingRow) => row.Net < 0 || /coupon/i.test(row.Menu);

/** Regions that carry transfer rows: the ones that have a transfer allowance to watch. */
function transferRegions(bills: readonly IdcfBill[]): string[] {
  const regions = new Set(
    bills.flatMap((b) => b.bill.data.filter(isTransfer).map((r) => r.Region)),
  );
  return [...regions].sort(byRegionOrder);
}

/**
 * Discovery: the regions on a bill. "global" (CDN, DNS, coupons) has no transfer allowance, so
 * it is offered only if transfer rows ever appear there.
 */
export function regionChoices(bill: IdcfBillingMonth): Choice[] {
  const regions = new Set(
    bill.data.filter((r) => r.Region !== 'global' || isTransfer(r)).map((r) => r.Region),
  );
  return [...regions].sort(byRegionOrder).map((value) => ({ value, label: regionLabel(value) }));
}

interface TransferTotals {
  readonly inBytes: number;
  readonly outBytes: number;
  readonly totalBytes: number;
}

/**
 * Transfer of one region over all its zones. `Usage` is GB, read as decimal GB (INFERRED; the
 * 3,240 GB allowance is in the same unit, so the percentage holds either way).
 */
function transferOf(rows: readonly IdcfBillingRow[], region: string): TransferTotals {
  let inGb = 0;
  let outGb = 0;
  let totalGb = 0;
  for (const row of rows) {
    if (!isTransfer(row) || row.Region !== region) continue;
    const gb = row.Usage ?? 0; // the schema requires Usage on transfer rows
    totalGb += gb;
    if (/\[in\]/i.test(row.Menu)) inGb += gb;
    else if (/\[out\]/i.test(row.Menu)) outGb += gb;
  }
  const bytes = (gb: number) => Math.round(toBytes(gb, 'GB'));
  return { inBytes: bytes(inGb), outBytes: bytes(outGb), totalBytes: bytes(totalGb) };
}

/** JPY including tax: `gross` before coupons, `coupons` (≤ 0), `net` = what is left to pay. */
export function costOf(rows: readonly IdcfBillingRow[]) {
  let gross = 0;
  let coupons = 0;
  for (const row of rows) {
    if (isCredit(row)) coupons += row.Net;
    else gross += row.Net;
  }
  return { gross, coupons, net: gross + coupons };
}

/**
 * When a month-to-date reading holds: the end of `billing_period_end_at` (the last JST day the
 * figures include, a day or so behind) for the current month, the month's end once closed.
 */
export function readingInstant(bill: IdcfBill, now: Instant): { at: Instant; asOf?: Instant } {
  if (!bill.current) return { at: bill.month.end, asOf: bill.month.end };
  const lastDay = bill.bill.meta.billing_period_end_at;
  const reported = lastDay ? endOfJstDay(lastDay) : null;
  const at =
    reported !== null && reported > bill.month.start
      ? Math.min(reported, now, bill.month.end)
      : now;
  // A reading at the month's first instant would count for the month before.
  const safe = Math.max(at, bill.month.start + 1);
  return reported === null ? { at: safe } : { at: safe, asOf: safe };
}

/**
 * A meter with its own scope and details objects: meters never share nested objects, so that
 * anything walking them (redaction, cloning, IPC) sees a plain tree.
 */
function meter(
  id: string,
  label: string,
  kind: Meter['kind'],
  scope: Meter['scope'],
  details?: Meter['details'],
): Meter {
  return {
    id,
    label,
    kind,
    unit: kind === 'cost' ? 'JPY' : 'bytes',
    scope: { ...scope },
    series: 'cumulative',
    resolution: 'day',
    timeZone: IDCF_TIME_ZONE,
    ...(details ? { details: { ...details } } : {}),
  };
}

function regionMeters(region: string, zones: readonly string[]): Meter[] {
  const scope = { level: 'region', id: region, label: regionLabel(region) } as const;
  return [
    meter(
      `transfer-total:${region}`,
      `${region} transfer (in + out)`,
      'transfer-total',
      scope,
      zones.length > 0 ? { zones: zones.join(', ') } : undefined,
    ),
    meter(`transfer-in:${region}`, `${region} transfer in`, 'transfer-in', scope),
    meter(`transfer-out:${region}`, `${region} transfer out`, 'transfer-out', scope),
  ];
}

function costMeters(coupons: number | null): Meter[] {
  const scope = { level: 'account', id: '' } as const;
  const details = coupons === null ? undefined : { coupons };
  return [
    meter('cost:net', 'Cost after coupons (incl. tax)', 'cost', scope, details),
    meter('cost:gross', 'Cost before coupons (incl. tax)', 'cost', scope, details),
  ];
}

/**
 * Meters and month-to-date samples from fetched bills (oldest first). `regions` limits the
 * transfer meters; empty means every region with transfer rows. Every bill is complete for its
 * month, so a watched region missing from one reads 0 for that month.
 */
export function usageFromBills(
  bills: readonly IdcfBill[],
  regions: readonly string[],
  now: Instant,
): ProviderUsageInput {
  const watched = regions.length > 0 ? [...regions].sort(byRegionOrder) : transferRegions(bills);
  const latest = bills.at(-1);
  const latestCost = latest ? costOf(latest.bill.data) : null;
  const zonesIn = (region: string) =>
    [
      ...new Set(
        (latest?.bill.data ?? [])
          .filter((r) => isTransfer(r) && r.Region === region && r.ZoneName)
          .map((r) => r.ZoneName!),
      ),
    ].sort();
  const meters = [
    ...watched.flatMap((region) => regionMeters(region, zonesIn(region))),
    ...costMeters(latestCost?.coupons ?? null),
  ];

  const samples: Sample[] = [];
  let dataAsOf: Instant | undefined;
  for (const bill of bills) {
    const { at, asOf } = readingInstant(bill, now);
    if (bill.current) dataAsOf = asOf;
    const sample = (meterId: string, value: number): Sample =>
      asOf === undefined ? { meterId, at, value } : { meterId, at, value, dataAsOf: asOf };
    for (const region of watched) {
      const t = transferOf(bill.bill.data, region);
      samples.push(
        sample(`transfer-total:${region}`, t.totalBytes),
        sample(`transfer-in:${region}`, t.inBytes),
        sample(`transfer-out:${region}`, t.outBytes),
      );
    }
    const cost = costOf(bill.bill.data);
    samples.push(sample('cost:net', cost.net), sample('cost:gross', cost.gross));
  }

  const notices: Notice[] = [];
  if (latest && latestCost && latestCost.coupons < 0) {
    notices.push({
      level: 'info',
      meterId: 'cost:net',
      message: `Coupons took ${formatMoney(-latestCost.coupons, 'JPY')} off the ${latest.month.key} bill${latest.current ? ' so far' : ''}.`,
    });
  }
  return dataAsOf === undefined
    ? { meters, samples, notices }
    : { meters, samples, notices, dataAsOf };
}
