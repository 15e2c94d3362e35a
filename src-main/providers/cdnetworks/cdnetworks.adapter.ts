import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import { ProviderError } from '../../core/provider-error.ts';
import { dayKey, isoWithOffset, startOfDay } from '../../core/time/zoned.ts';
import {
  optionList,
  type CredentialCheck,
  type Discovery,
  type FetchContext,
  type ProviderAdapter,
  type TimeRange,
} from '../provider.ts';
import { dayWindows, type DayWindow } from './cdnetworks.days.ts';
import { CDNETWORKS_ZONE, cdnetworksDescriptor } from './cdnetworks.descriptor.ts';
import { storageMeter, storageSamples, trafficMeter, trafficSamples } from './cdnetworks.map.ts';
import { authSchemeOf, cncRequest } from './cdnetworks.request.ts';
import { DomainListSchema, DomainTrafficSchema, DomainUsageSchema } from './cdnetworks.schema.ts';

const descriptor = ProviderDescriptorSchema.parse(cdnetworksDescriptor);

function listDomains(ctx: FetchContext) {
  return cncRequest(ctx, {
    method: 'GET',
    path: '/api/domain',
    schema: DomainListSchema,
    what: 'CDNetworks domain list',
  });
}

/**
 * Local Storage levels of one domain for one window. Dates are GMT+9 calendar days and dateTo
 * is inclusive; dateTo must exceed dateFrom, so a one-day window asks up to the next day (the
 * server clamps a dateTo after now) and the extra row is dropped when mapping.
 */
async function fetchStorage(
  ctx: FetchContext,
  read: Read,
  domain: string,
  contract: string,
  w: DayWindow,
) {
  const rows = await cncRequest(ctx, {
    method: 'POST',
    path: '/api/domain-usage',
    body: {
      dateFrom: w.days[0],
      dateTo: w.days.length > 1 ? w.days.at(-1) : dayKey(w.end, CDNETWORKS_ZONE),
      domain,
      contract,
      type: 'd',
    },
    schema: DomainUsageSchema,
    what: `CDNetworks Local Storage usage of ${domain} (contract ${contract})`,
    history: read.history,
  });
  return storageSamples(domain, w, rows);
}

/** What every request of one fetchUsage shares. */
interface Read {
  /** Now, on whole seconds (the report APIs take seconds). */
  readonly now: Instant;
  /** A read of earlier periods only (a backfill), not of today. */
  readonly history: boolean;
}

/**
 * Daily CDN traffic of one domain for one window: [start, end) as GMT+9 instants. The window
 * of today ends at now, not at midnight: the API's rules allow no dateTo in the future.
 */
async function fetchTraffic(
  ctx: FetchContext,
  read: Read,
  domain: string,
  w: DayWindow,
  unit: 'MB' | 'MiB',
) {
  const answer = await cncRequest(ctx, {
    method: 'POST',
    path: '/api/report/domaintraffic',
    query: {
      dateFrom: isoWithOffset(w.start, CDNETWORKS_ZONE),
      dateTo: isoWithOffset(Math.min(w.end, read.now), CDNETWORKS_ZONE),
      granularity: 'daily',
    },
    body: { 'domain-list': { 'domain-name': [domain] } },
    schema: DomainTrafficSchema,
    what: `CDNetworks traffic of ${domain}`,
    history: read.history,
  });
  return trafficSamples(domain, w, answer, unit);
}

function optionalString(ctx: FetchContext, key: string): string | null {
  const value = ctx.account.options[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export const cdnetworksAdapter: ProviderAdapter = {
  descriptor,

  async checkCredentials(ctx: FetchContext): Promise<CredentialCheck> {
    await listDomains(ctx);
    const scheme = authSchemeOf(ctx);
    const identity = ctx.credentials[scheme === 'aksk' ? 'accessKeyId' : 'userName'];
    return { identity: identity ?? null };
  },

  async discover(ctx: FetchContext): Promise<Discovery> {
    const list = await listDomains(ctx);
    const domains = list['domain-list'].map((d) => ({
      value: d['domain-name'],
      label: [d['domain-name'], d['service-type'], d.status].filter(Boolean).join(' · '),
    }));
    return { domains };
  },

  async fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput> {
    const domains = optionList(ctx.account, 'domains');
    if (domains.length === 0) {
      throw new ProviderError(
        'invalid-request',
        `account "${ctx.account.id}": option "domains" lists no domain`,
      );
    }
    authSchemeOf(ctx); // a bad scheme fails before any request goes out
    const contract = optionalString(ctx, 'contract');
    const unit = optionalString(ctx, 'trafficUnit') === 'MiB' ? 'MiB' : 'MB';
    const now = Math.floor(ctx.clock.now() / 1000) * 1000;
    // A backfill ends at the start of the current period: it never reaches today.
    const read: Read = { now, history: range.end <= startOfDay(now, CDNETWORKS_ZONE) };
    const windows = dayWindows(range, now);

    const meters: Meter[] = [];
    const tasks: (() => Promise<Sample[]>)[] = [];
    for (const domain of domains) {
      meters.push(trafficMeter(domain));
      for (const w of windows) tasks.push(() => fetchTraffic(ctx, read, domain, w, unit));
      if (contract === null) continue;
      meters.push(storageMeter(domain));
      for (const w of windows) tasks.push(() => fetchStorage(ctx, read, domain, contract, w));
    }
    const results = await mapConcurrent(tasks, descriptor.maxConcurrency, (task) => task());
    return { meters, samples: results.flat() };
  },
};
