import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { DataUnit } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import { ProviderError } from '../../core/provider-error.ts';
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
import { billingWindows, usageFromBilling } from './surfercloud.map.ts';
import type { DailyStat } from './surfercloud.schema.ts';

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

/** The EIPs to measure, with notices for chosen ones that cannot be. */
function selectEips(
  all: readonly Eip[],
  wanted: readonly string[],
  regions: readonly string[],
): { eips: Eip[]; notices: Notice[] } {
  const notices: Notice[] = [];
  if (wanted.length === 0) {
    const eips = all.filter(isTrafficBilled);
    if (eips.length === 0) {
      notices.push({
        level: 'info',
        message: `No traffic-billed EIP in ${regions.join(', ')}: nothing to measure (bandwidth-billed EIPs record no traffic)`,
      });
    }
    return { eips, notices };
  }
  const byId = new Map(all.map((eip) => [eip.id, eip]));
  const eips: Eip[] = [];
  for (const id of wanted) {
    const eip = byId.get(id);
    if (!eip) {
      notices.push({
        level: 'warning',
        message: `EIP ${id} was not found in ${regions.join(', ')} (released, or in another region or project?)`,
      });
    } else if (!isTrafficBilled(eip)) {
      notices.push({
        level: 'info',
        message: `EIP ${describe(eip)} is billed by ${eip.payMode}, not traffic: SurferCloud records no traffic for it`,
      });
    } else eips.push(eip);
  }
  return { eips, notices };
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
    const eips = await listEips(ctx, scan, CONCURRENCY);
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
    const all = await listEips(ctx, regions, CONCURRENCY);
    const { eips, notices } = selectEips(all, optionList(ctx.account, 'eips'), regions);
    const calls = eips.flatMap((eip) =>
      billingWindows(asked, eip.createdAt).map((window) => ({ eip, window })),
    );
    const answers = await mapConcurrent(calls, CONCURRENCY, ({ eip, window }) =>
      dailyBilling(ctx, eip, window),
    );
    const stats = new Map(eips.map((eip) => [eip, [] as DailyStat[]]));
    answers.forEach((days, i) => stats.get(calls[i]!.eip)!.push(...days));
    const billed = eips.map((eip) => ({ eip, stats: stats.get(eip)! }));
    const usage = usageFromBilling(billed, asked, gigabyteUnit(ctx));
    return {
      meters: usage.meters,
      samples: usage.samples,
      notices: [...notices, ...usage.notices],
      ...(usage.dataAsOf === undefined ? {} : { dataAsOf: Math.min(usage.dataAsOf, now) }),
    };
  },
};
