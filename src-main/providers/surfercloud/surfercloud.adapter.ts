import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { DataUnit } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { Semaphore, mapConcurrent } from '../../core/concurrency.ts';
import { ProviderError, isProviderError } from '../../core/provider-error.ts';
import {
  optionList,
  type FetchContext,
  type ProviderAdapter,
  type TimeRange,
} from '../provider.ts';
import {
  dailyBilling,
  isTrafficBilled,
  listEips,
  listRegions,
  type Eip,
} from './surfercloud.api.ts';
import { surfercloudDescriptor } from './surfercloud.descriptor.ts';
import { billingWindows, usageFromBilling, type BilledEip } from './surfercloud.map.ts';

const descriptor = ProviderDescriptorSchema.parse(surfercloudDescriptor);
const CONCURRENCY = descriptor.maxConcurrency;

function chosenRegions(ctx: FetchContext): string[] {
  const regions = optionList(ctx.account, 'regions');
  if (regions.length === 0) {
    throw new ProviderError(
      'invalid-request',
      `account "${ctx.account.id}": option "regions" is missing (choose at least one region)`,
    );
  }
  return regions;
}

/** Whether SurferCloud's "GB" is read as 10^9 (assumed) or 2^30 bytes. */
function gigabyteUnit(ctx: FetchContext): DataUnit {
  return ctx.account.options.gbUnit === 'GiB' ? 'GiB' : 'GB';
}

function describe(eip: Eip): string {
  return eip.address ? `${eip.id} (${eip.address})` : eip.id;
}

/** Which EIPs a read asks about: every listed one, and the chosen ones no longer listed. */
interface Selection {
  readonly listed: Eip[];
  /** Ids the account chose that DescribeEIP does not list (released, most likely). */
  readonly unlisted: string[];
  /** The account's `eips` option limits the read to the EIPs it names. */
  readonly chosenOnly: boolean;
  readonly notices: Notice[];
}

/**
 * Every EIP of the regions is asked about, whatever its pay mode now: one switched from
 * traffic to bandwidth billing during the month still has the traffic-billed days before the
 * switch (bandwidth-billed days "record the daily traffic as 0").
 */
function selectEips(
  all: readonly Eip[],
  wanted: readonly string[],
  regions: readonly string[],
): Selection {
  const notices: Notice[] = [];
  if (wanted.length === 0) {
    if (!all.some(isTrafficBilled)) {
      notices.push({
        level: 'info',
        message: `No traffic-billed EIP in ${regions.join(', ')}: nothing to measure (bandwidth-billed EIPs record no traffic)`,
      });
    }
    return { listed: [...all], unlisted: [], chosenOnly: false, notices };
  }
  const byId = new Map(all.map((eip) => [eip.id, eip]));
  const listed = wanted.flatMap((id) => byId.get(id) ?? []);
  return { listed, unlisted: wanted.filter((id) => !byId.has(id)), chosenOnly: true, notices };
}

/** Errors that mean "SurferCloud has no such EIP here", not a broken account. */
const isMissingEip = (error: unknown) =>
  isProviderError(error) && (error.kind === 'not-found' || error.kind === 'invalid-request');

/**
 * A chosen EIP DescribeEIP no longer lists: asked for by id in each chosen region in turn
 * (whether the API answers for a released EIP is not documented). Null when none answers.
 */
async function readUnlisted(
  ctx: FetchContext,
  id: string,
  regions: readonly string[],
  range: TimeRange,
): Promise<BilledEip | null> {
  for (const region of regions) {
    const eip: Eip = {
      id,
      region,
      name: '',
      payMode: '',
      createdAt: range.start,
      address: null,
      listed: false,
    };
    try {
      const stats = (
        await Promise.all(billingWindows(range, range.start).map((w) => dailyBilling(ctx, eip, w)))
      ).flat();
      if (stats.length > 0) return { eip, stats };
    } catch (error) {
      if (!isMissingEip(error)) throw error;
    }
  }
  return null;
}

/** The chosen EIPs DescribeEIP does not list, each read by id or named in a notice. */
async function readAllUnlisted(
  ctx: FetchContext,
  ids: readonly string[],
  regions: readonly string[],
  range: TimeRange,
  notices: Notice[],
): Promise<BilledEip[]> {
  const found = await mapConcurrent(ids, CONCURRENCY, (id) =>
    readUnlisted(ctx, id, regions, range),
  );
  const where = regions.join(', ');
  ids.forEach((id, i) => {
    notices.push(
      found[i]
        ? {
            level: 'info',
            message: `EIP ${id} is no longer listed in ${where} (released?); its traffic this period was read by id`,
          }
        : {
            level: 'warning',
            message: `EIP ${id} was not found in ${where} (released, or in another region or project?): its traffic cannot be read, so the total may be less than the bill`,
          },
    );
  });
  return found.filter((b): b is BilledEip => b !== null);
}

const trafficIn = (billed: BilledEip) => billed.stats.reduce((sum, s) => sum + s.QuantityOut, 0);

/**
 * Keeps the EIPs that count: traffic-billed ones, and others that still had traffic-billed
 * days in the range (said in a notice). A chosen EIP with neither is named in a notice.
 */
function keepCounted(billed: readonly BilledEip[], chosenOnly: boolean, notices: Notice[]) {
  return billed.filter((b) => {
    if (isTrafficBilled(b.eip) || !b.eip.listed) return true;
    const gb = trafficIn(b);
    if (gb > 0) {
      notices.push({
        level: 'info',
        message: `EIP ${describe(b.eip)} is billed by ${b.eip.payMode} now, but had ${gb} GB of traffic-billed days in this period: counted`,
      });
      return true;
    }
    if (chosenOnly) {
      notices.push({
        level: 'info',
        message: `EIP ${describe(b.eip)} is billed by ${b.eip.payMode}, not traffic: SurferCloud records no traffic for it`,
      });
    }
    return false;
  });
}

/** Traffic-billed EIPs before the others: theirs is the traffic that is billed. */
const trafficFirst = (a: Eip, b: Eip) => Number(isTrafficBilled(b)) - Number(isTrafficBilled(a));

/** An EIP's billed days in the range, in windows the API accepts, through the read's limit. */
async function billedEip(
  ctx: FetchContext,
  eip: Eip,
  range: TimeRange,
  limit: Semaphore,
): Promise<BilledEip> {
  const windows = billingWindows(range, eip.createdAt);
  const answers = await Promise.all(
    windows.map((window) => limit.use(() => dailyBilling(ctx, eip, window))),
  );
  return { eip, stats: answers.flat() };
}

export const surfercloudAdapter: ProviderAdapter = {
  descriptor,

  async checkCredentials(ctx) {
    await listRegions(ctx);
    return { identity: null };
  },

  async discover(ctx) {
    const regions = await listRegions(ctx);
    const chosen = optionList(ctx.account, 'regions');
    const scan = chosen.length > 0 ? chosen : regions.map((r) => r.value);
    const eips = await listEips(ctx, scan, new Semaphore(CONCURRENCY));
    return {
      regions,
      eips: eips.filter(isTrafficBilled).map((eip) => ({
        value: eip.id,
        label: [eip.address ?? eip.id, eip.name === 'EIP' ? '' : eip.name, eip.region]
          .filter(Boolean)
          .join(' · '),
      })),
    };
  },

  async fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput> {
    const regions = chosenRegions(ctx);
    const now = ctx.clock.now();
    // Never ask for the future: the range of the current period ends now at the latest.
    const asked = { start: range.start, end: Math.min(range.end, now) };
    const wanted = optionList(ctx.account, 'eips');
    // One limit for the whole read: an EIP's traffic is asked for as soon as its page of the
    // listing arrives (traffic-billed EIPs first), while later pages are still coming.
    const limit = new Semaphore(CONCURRENCY);
    const reads = new Map<string, Promise<BilledEip>>();
    const all = await listEips(ctx, regions, limit, (eips) => {
      for (const eip of [...eips].sort(trafficFirst)) {
        if (wanted.length > 0 && !wanted.includes(eip.id)) continue;
        const read = billedEip(ctx, eip, asked, limit);
        read.catch(() => {}); // awaited below, after the listing
        reads.set(eip.id, read);
      }
    });
    const chosen = selectEips(all, wanted, regions);
    const notices = [...chosen.notices];
    const billed = await Promise.all(chosen.listed.map((eip) => reads.get(eip.id)!));
    const counted = keepCounted(billed, chosen.chosenOnly, notices);
    counted.push(...(await readAllUnlisted(ctx, chosen.unlisted, regions, asked, notices)));
    const usage = usageFromBilling(counted, asked, gigabyteUnit(ctx), chosen.chosenOnly);
    return {
      meters: usage.meters,
      samples: usage.samples,
      notices: [...notices, ...usage.notices],
      ...(usage.dataAsOf === undefined ? {} : { dataAsOf: Math.min(usage.dataAsOf, now) }),
    };
  },
};
