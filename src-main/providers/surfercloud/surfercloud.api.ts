import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Choice } from '../../../src-shared/domain/provider-descriptor.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
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
 * Every EIP of the regions, whatever its pay mode. The first page of each region says the
 * total; the remaining pages are then fetched together, so the chain is two requests deep.
 */
export async function listEips(
  ctx: FetchContext,
  regions: readonly string[],
  concurrency: number,
): Promise<Eip[]> {
  const firsts = await mapConcurrent(regions, concurrency, (region) =>
    describePage(ctx, region, 0),
  );
  const rest: { region: string; offset: number }[] = [];
  firsts.forEach((page, i) => {
    const region = regions[i]!;
    if (page.TotalCount > 0 && page.EIPSet.length === 0) {
      throw providerError('bad-response', `SurferCloud DescribeEIP (${region})`, {
        providerMessage: `EIPSet: empty, but TotalCount is ${page.TotalCount}`,
      });
    }
    for (let offset = EIP_PAGE_SIZE; offset < page.TotalCount; offset += EIP_PAGE_SIZE)
      rest.push({ region, offset });
  });
  const more = await mapConcurrent(rest, concurrency, ({ region, offset }) =>
    describePage(ctx, region, offset),
  );
  const seen = new Set<string>();
  const eips: Eip[] = [];
  const add = (raw: RawEip, region: string) => {
    if (seen.has(raw.EIPId)) return;
    seen.add(raw.EIPId);
    eips.push(toEip(raw, region));
  };
  // In listing order: each region's pages in turn.
  regions.forEach((region, r) => {
    firsts[r]!.EIPSet.forEach((raw) => add(raw, region));
    more.forEach((page, i) => {
      if (rest[i]!.region === region) page.EIPSet.forEach((raw) => add(raw, region));
    });
  });
  return eips;
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
