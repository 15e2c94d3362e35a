import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Choice } from '../../../src-shared/domain/provider-descriptor.ts';
import type { Semaphore } from '../../core/concurrency.ts';
import { providerError } from '../http-json.ts';
import type { FetchContext, TimeRange } from '../provider.ts';
import { callAction } from './surfercloud.client.ts';
import {
  DescribeEipSchema,
  GetRegionSchema,
  ThroughputSchema,
  type DailyStat,
  type RawEip,
} from './surfercloud.schema.ts';

/** DescribeEIP's documented default and page size. */
export const EIP_PAGE_SIZE = 20;

/** An EIP as Cloudmeter uses it. */
export interface Eip {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly payMode: string;
  readonly createdAt: Instant;
  /** The first public address, if the EIP has one. */
  readonly address: string | null;
  /**
   * False for an EIP the account names that DescribeEIP no longer lists (released, most
   * likely): its pay mode and creation time are then unknown.
   */
  readonly listed: boolean;
}

/** Only these record traffic: "When EIP uses bandwidth billing, it records the daily traffic as 0." */
export function isTrafficBilled(eip: Pick<Eip, 'payMode'>): boolean {
  return eip.payMode === 'Traffic';
}

function projectParam(ctx: FetchContext): { ProjectId?: string } {
  const project = ctx.account.options.projectId;
  return typeof project === 'string' && project !== '' ? { ProjectId: project } : {};
}

/** UAccount GetRegion, reduced to distinct regions (it lists one row per zone). */
export async function listRegions(ctx: FetchContext): Promise<Choice[]> {
  const answer = await callAction(ctx, 'GetRegion', {}, GetRegionSchema, 'SurferCloud GetRegion');
  const byRegion = new Map<string, Choice>();
  for (const row of answer.Regions) {
    if (byRegion.has(row.Region)) continue;
    const name = row.RegionName && row.RegionName !== row.Region ? row.RegionName : null;
    byRegion.set(row.Region, {
      value: row.Region,
      label: name ? `${name} (${row.Region})` : row.Region,
    });
  }
  return [...byRegion.values()];
}

function toEip(raw: RawEip, region: string): Eip {
  return {
    id: raw.EIPId,
    region,
    name: raw.Name ?? '',
    payMode: raw.PayMode,
    createdAt: raw.CreateTime * 1000,
    address: raw.EIPAddr[0]?.IP ?? null,
    listed: true,
  };
}

function describePage(ctx: FetchContext, region: string, offset: number) {
  return callAction(
    ctx,
    'DescribeEIP',
    { Region: region, ...projectParam(ctx), Offset: offset, Limit: EIP_PAGE_SIZE },
    DescribeEipSchema,
    `SurferCloud DescribeEIP (${region}, offset ${offset})`,
  );
}

/**
 * Every EIP of the regions, whatever its pay mode, in listing order, each once. The first page
 * of each region says the total; its other pages are then asked for together, so the chain is
 * two requests deep. Requests go through `limit`, shared with the caller's own: `onPage` gets
 * each page's new EIPs as the page arrives, after that region's further pages are queued, so
 * that work on the first EIPs (their traffic) overlaps the listing instead of waiting for it.
 */
export async function listEips(
  ctx: FetchContext,
  regions: readonly string[],
  limit: Semaphore,
  onPage: (eips: readonly Eip[]) => void = () => {},
): Promise<Eip[]> {
  const seen = new Set<string>();
  const fresh = (page: { EIPSet: readonly RawEip[] }, region: string) => {
    const eips = page.EIPSet.filter((raw) => !seen.has(raw.EIPId)).map((raw) => toEip(raw, region));
    for (const eip of eips) seen.add(eip.id);
    return eips;
  };
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const first = await limit.use(() => describePage(ctx, region, 0));
      if (first.TotalCount > 0 && first.EIPSet.length === 0) {
        throw providerError('bad-response', `SurferCloud DescribeEIP (${region})`, {
          providerMessage: `EIPSet: empty, but TotalCount is ${first.TotalCount}`,
        });
      }
      const offsets: number[] = [];
      for (let offset = EIP_PAGE_SIZE; offset < first.TotalCount; offset += EIP_PAGE_SIZE)
        offsets.push(offset);
      const rest = offsets.map((offset) => limit.use(() => describePage(ctx, region, offset)));
      // Awaited in order below; one failing early must not count as unhandled meanwhile.
      for (const page of rest) page.catch(() => {});
      const listed = fresh(first, region);
      onPage(listed);
      // Pages are taken in order, so the listing order does not depend on which answers first.
      for (const page of rest) {
        const eips = fresh(await page, region);
        onPage(eips);
        listed.push(...eips);
      }
      return listed;
    }),
  );
  return perRegion.flat();
}

/**
 * GetThroughputDailyBillingInfo for one EIP over one window that already honours the API's
 * limits (≤ 365 days, not before the EIP's creation, not in the future).
 */
export async function dailyBilling(
  ctx: FetchContext,
  eip: Eip,
  window: TimeRange,
): Promise<DailyStat[]> {
  const what = `SurferCloud GetThroughputDailyBillingInfo (${eip.id})`;
  const answer = await callAction(
    ctx,
    'GetThroughputDailyBillingInfo',
    {
      Region: eip.region,
      ...projectParam(ctx),
      EIPId: eip.id,
      StartTime: Math.ceil(window.start / 1000),
      EndTime: Math.floor(window.end / 1000),
    },
    ThroughputSchema,
    what,
  );
  if (answer.EIPId !== undefined && answer.EIPId !== eip.id) {
    throw providerError('bad-response', what, {
      providerMessage: `EIPId: the answer is for ${answer.EIPId}`,
    });
  }
  return answer.Stats ?? [];
}
