import type { Choice } from '../../../src-shared/domain/provider-descriptor.ts';
import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { ThroughputSeries, ThroughputWindow } from '../../../src-shared/domain/throughput.ts';
import type { ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import { isProviderError, ProviderError } from '../../core/provider-error.ts';
import { startOfDay, startOfMonth } from '../../core/time/zoned.ts';
import {
  optionList,
  type CredentialCheck,
  type Discovery,
  type FetchContext,
  type ProviderAdapter,
  type TimeRange,
} from '../provider.ts';
import { callMemset, describeCall, SERVICE_NAME } from './memset.api.ts';
import type { GigabyteUnit } from './memset.connection.ts';
import { MEMSET_DEFAULT_GB_UNIT, MEMSET_ZONE, memsetDescriptor } from './memset.descriptor.ts';
import {
  emptyParts,
  mapBandwidthInfo,
  mapMemstoreUsage,
  mapMonthlyUsage,
  mergeParts,
  type UsageParts,
} from './memset.map.ts';
import { pastMonthsIn } from './memset.months.ts';
import {
  BandwidthInfoSchema,
  MemstoreUsageSchema,
  MonthlyUsageSchema,
  ServiceListSchema,
  ThroughputAnswerSchema,
  type ServiceList,
} from './memset.schema.ts';
import { mapThroughput } from './memset.throughput.ts';

const descriptor = ProviderDescriptorSchema.parse(memsetDescriptor);

/** The account's service names, checked against the API's naming rule before any request. */
function servicesOf(ctx: FetchContext): string[] {
  const services = [...new Set(optionList(ctx.account, 'services').map((s) => s.trim()))];
  if (services.length === 0) {
    throw new ProviderError(
      'invalid-request',
      `account "${ctx.account.id}": option "services" is empty; choose at least one Memset service`,
    );
  }
  const bad = services.find((s) => !SERVICE_NAME.test(s));
  if (bad !== undefined) {
    throw new ProviderError(
      'invalid-request',
      `account "${ctx.account.id}": option "services": ${JSON.stringify(bad)} is not a Memset service name (1-64 letters, digits, ".", "_" or "-")`,
    );
  }
  return services;
}

function gigabyteUnitOf(ctx: FetchContext): GigabyteUnit {
  const value = ctx.account.options.gigabyteUnit;
  return value === 'GiB' ? 'GiB' : MEMSET_DEFAULT_GB_UNIT;
}

/**
 * Storage of a service that is not a server: memstore.usage. A 404 means the service is not a
 * Memstore (nothing to show); a key without the memstore.usage scope keeps the bandwidth
 * figures and says which scope to add.
 */
async function readStorage(ctx: FetchContext, service: string, at: number): Promise<UsageParts> {
  const what = describeCall('memstore.usage', service);
  try {
    const usage = await callMemset(
      ctx,
      'memstore.usage',
      { name: service },
      MemstoreUsageSchema,
      what,
    );
    return mapMemstoreUsage(service, usage, at);
  } catch (error) {
    if (isProviderError(error) && error.kind === 'not-found') return emptyParts();
    if (isProviderError(error) && error.kind === 'permission') {
      const parts = emptyParts();
      parts.notices.push({
        level: 'warning',
        message: `Storage of "${service}" is not shown: the API key lacks the scope "memstore.usage"; add it to the key in the Memset control panel.`,
      });
      return parts;
    }
    throw error;
  }
}

/** This month so far: bandwidth.info, then memstore.usage for services that are not servers. */
async function readCurrentMonth(
  ctx: FetchContext,
  service: string,
  unit: GigabyteUnit,
): Promise<UsageParts> {
  const info = await callMemset(
    ctx,
    'bandwidth.info',
    { name: service },
    BandwidthInfoSchema,
    describeCall('bandwidth.info', service),
  );
  const now = ctx.clock.now();
  const { isServer, ...parts } = mapBandwidthInfo(
    service,
    info,
    now,
    startOfDay(now, MEMSET_ZONE),
    unit,
  );
  if (isServer) return parts;
  return mergeParts([parts, await readStorage(ctx, service, now)]);
}

async function readYear(
  ctx: FetchContext,
  service: string,
  year: number,
  months: ReadonlySet<string>,
): Promise<UsageParts> {
  const answer = await callMemset(
    ctx,
    'bandwidth.monthly_usage',
    { name: service, year: String(year) },
    MonthlyUsageSchema,
    describeCall('bandwidth.monthly_usage', service, String(year)),
  );
  return mapMonthlyUsage(service, answer, months);
}

async function fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput> {
  const services = servicesOf(ctx);
  const unit = gigabyteUnitOf(ctx);
  const now = ctx.clock.now();
  const until = Math.min(range.end, now);
  if (until <= range.start) return { meters: [], samples: [] };
  const currentMonth = startOfMonth(now, MEMSET_ZONE);
  const past = pastMonthsIn(range.start, Math.min(until, currentMonth), MEMSET_ZONE);
  const tasks: (() => Promise<UsageParts>)[] = [];
  for (const { year, months } of past) {
    for (const service of services) tasks.push(() => readYear(ctx, service, year, months));
  }
  if (until > currentMonth) {
    for (const service of services) tasks.push(() => readCurrentMonth(ctx, service, unit));
  }
  const parts = await mapConcurrent(tasks, descriptor.maxConcurrency, (task) => task());
  return mergeParts(parts);
}

function choicesFrom(list: ServiceList): Choice[] {
  return list
    .filter((s) => !/^cancel/i.test(s.status ?? ''))
    .map((s) => {
      const kind = s.type ? `, ${s.type}` : '';
      const label = s.nickname
        ? `${s.nickname} (${s.name}${kind})`
        : `${s.name}${s.type ? ` (${s.type})` : ''}`;
      return { value: s.name, label };
    });
}

/**
 * Services to choose from: server.list (VERIFIED) plus service.list (INFERRED to exist; it
 * also lists Memstores). Either may be missing from the key's scopes or from the API; one
 * answer is enough, and only when both fail is the server.list error reported.
 */
async function discover(ctx: FetchContext): Promise<Discovery> {
  const [servers, services] = await Promise.allSettled([
    callMemset(ctx, 'server.list', {}, ServiceListSchema, describeCall('server.list')),
    callMemset(ctx, 'service.list', {}, ServiceListSchema, describeCall('service.list')),
  ]);
  if (servers.status === 'rejected' && services.status === 'rejected') throw servers.reason;
  const byName = new Map<string, Choice>();
  for (const answer of [servers, services]) {
    if (answer.status === 'fulfilled') {
      for (const choice of choicesFrom(answer.value))
        if (!byName.has(choice.value)) byName.set(choice.value, choice);
    }
  }
  const sorted = [...byName.values()].sort((a, b) => a.value.localeCompare(b.value));
  return { services: sorted };
}

/**
 * server.list is the cheapest authenticated call. A key made without that scope (it is only
 * needed for discovery) is checked with bandwidth.info on the first configured service.
 */
async function checkCredentials(ctx: FetchContext): Promise<CredentialCheck> {
  try {
    await callMemset(ctx, 'server.list', {}, ServiceListSchema, describeCall('server.list'));
  } catch (error) {
    const configured = optionList(ctx.account, 'services');
    if (!isProviderError(error) || error.kind !== 'permission' || configured.length === 0)
      throw error;
    const service = servicesOf(ctx)[0]!;
    await callMemset(
      ctx,
      'bandwidth.info',
      { name: service },
      BandwidthInfoSchema,
      describeCall('bandwidth.info', service),
    );
  }
  // Memset's API has no "who am I" method within these scopes.
  return { identity: null };
}

/** Bits per second in/out per service and service type over the window (bandwidth.usage). */
async function fetchThroughput(
  ctx: FetchContext,
  window: ThroughputWindow,
): Promise<ThroughputSeries[]> {
  const services = servicesOf(ctx);
  const series = await mapConcurrent(services, descriptor.maxConcurrency, async (service) => {
    const what = describeCall('bandwidth.usage', service, window);
    const answer = await callMemset(
      ctx,
      'bandwidth.usage',
      { name: service, period: window },
      ThroughputAnswerSchema,
      what,
    );
    return mapThroughput(service, answer, window, what);
  });
  return series.flat();
}

export const memsetAdapter: ProviderAdapter = {
  descriptor,
  checkCredentials,
  discover,
  fetchUsage,
  fetchThroughput,
};
