import type { Meter, Sample, Scope } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Notice, ProviderForecast, ProviderQuota } from '../../../src-shared/domain/usage.ts';
import { startOfDate } from '../../core/time/zoned.ts';
import {
  connectionFacts,
  definedDetails as defined,
  type Details,
  type GigabyteUnit,
} from './memset.connection.ts';
import { MEMSET_ZONE } from './memset.descriptor.ts';
import type {
  BandwidthEntry,
  BandwidthInfo,
  MemstoreUsage,
  MonthlyUsage,
} from './memset.schema.ts';

/** Raw Memset answers → meters and samples. Pure: no requests, no clock. */
export interface UsageParts {
  meters: Meter[];
  samples: Sample[];
  quotas: ProviderQuota[];
  forecasts: ProviderForecast[];
  notices: Notice[];
}

export function emptyParts(): UsageParts {
  return { meters: [], samples: [], quotas: [], forecasts: [], notices: [] };
}

export const meterId = {
  in: (service: string, type: string) => `transfer-in:${service}:${type}`,
  out: (service: string, type: string) => `transfer-out:${service}:${type}`,
  total: (service: string, type: string) => `transfer-total:${service}:${type}`,
  ip: (service: string, type: string, address: string) =>
    `transfer-ip:${service}:${type}:${address}`,
  storage: (service: string) => `storage:${service}`,
};

const serviceScope = (service: string): Scope => ({
  level: 'service',
  id: service,
  label: service,
});

/** In, out and in + out month-to-date counters of one service type (several for a Memstore). */
function transferMeters(service: string, type: string, totalDetails: Details = {}): Meter[] {
  const meter = (id: string, kind: Meter['kind'], what: string, details: Details): Meter => ({
    id,
    label: `${service} ${type} transfer ${what}`,
    kind,
    unit: 'bytes',
    scope: serviceScope(service),
    series: 'cumulative',
    resolution: 'day',
    timeZone: MEMSET_ZONE,
    details: { serviceType: type, ...details },
  });
  return [
    meter(meterId.in(service, type), 'transfer-in', 'in', {}),
    meter(meterId.out(service, type), 'transfer-out', 'out', {}),
    meter(meterId.total(service, type), 'transfer-total', '(in + out)', totalDetails),
  ];
}

function counterSamples(
  service: string,
  type: string,
  at: Instant,
  bytesIn: number,
  bytesOut: number,
) {
  return [
    { meterId: meterId.in(service, type), at, value: bytesIn },
    { meterId: meterId.out(service, type), at, value: bytesOut },
    { meterId: meterId.total(service, type), at, value: bytesIn + bytesOut },
  ];
}

/** `ips` as [address, in, out], whichever of the two accepted shapes arrived. */
function ipRows(ips: BandwidthEntry['ips']): [string, number, number][] {
  if (ips === undefined) return [];
  const dicts = Array.isArray(ips) ? ips : [ips];
  const sums = new Map<string, [number, number]>();
  for (const dict of dicts) {
    for (const [address, bytes] of Object.entries(dict)) {
      const [bytesIn, bytesOut] = sums.get(address) ?? [0, 0];
      sums.set(address, [bytesIn + bytes.bytes_in, bytesOut + bytes.bytes_out]);
    }
  }
  return [...sums].map(([address, [bytesIn, bytesOut]]) => [address, bytesIn, bytesOut]);
}

/**
 * Today's traffic per IP address: one delta meter per address whose sample, at the start of
 * today (UK), is today's bytes so far; later polls of the same day replace it.
 *
 * These lines break down traffic the service's `transfer-total` meter already counts, yet
 * carry the same kind. `breakdownOf` names that meter, so that quota matching leaves them out
 * of kind-based quotas.
 */
function ipMeters(
  service: string,
  type: string,
  entry: BandwidthEntry,
  today: Instant,
  parts: UsageParts,
) {
  for (const [address, bytesIn, bytesOut] of ipRows(entry.ips)) {
    const id = meterId.ip(service, type, address);
    parts.meters.push({
      id,
      label: `${service} ${address} transfer today (in + out)`,
      kind: 'transfer-total',
      unit: 'bytes',
      scope: { level: 'resource', id: address, label: `${address} (${service})` },
      series: 'delta',
      resolution: 'day',
      timeZone: MEMSET_ZONE,
      breakdownOf: meterId.total(service, type),
      details: {
        service,
        serviceType: type,
        todayBytesIn: bytesIn,
        todayBytesOut: bytesOut,
      },
    });
    parts.samples.push({ meterId: id, at: today, value: bytesIn + bytesOut });
  }
}

/**
 * `bandwidth.info(service)` at `at` (now): month-to-date counters per service type, the
 * provider's quota and forecast, connection facts as details, today's per-IP traffic.
 * `isServer` is true when any entry carries the server-only keys.
 */
export function mapBandwidthInfo(
  service: string,
  info: BandwidthInfo,
  at: Instant,
  today: Instant,
  unit: GigabyteUnit,
): UsageParts & { isServer: boolean } {
  const parts = emptyParts();
  let isServer = false;
  for (const [type, entry] of Object.entries(info)) {
    isServer ||=
      entry.connection_type !== undefined ||
      entry.ips !== undefined ||
      entry.max_burst !== undefined;
    const facts = connectionFacts(service, entry, unit, meterId.total(service, type));
    if (facts.quota) parts.quotas.push(facts.quota);
    parts.notices.push(...facts.notices);
    const details = {
      ...defined({ dailyRateBytes: entry.daily_rate, predictedBytes: entry.predicted }),
      ...facts.details,
    };
    parts.meters.push(...transferMeters(service, type, details));
    parts.samples.push(...counterSamples(service, type, at, entry.bytes_in, entry.bytes_out));
    if (entry.predicted !== undefined) {
      parts.forecasts.push({
        meterId: meterId.total(service, type),
        periodEndValue: entry.predicted,
      });
    }
    ipMeters(service, type, entry, today, parts);
  }
  if (Object.keys(info).length === 0) {
    parts.notices.push({
      level: 'info',
      message: `Memset reports no bandwidth figures for "${service}".`,
    });
  }
  return { ...parts, isServer };
}

/** `yyyy-mm` of a month. */
export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * `bandwidth.monthly_usage(service, year)`: each wanted month's total becomes a cumulative
 * reading at the month's end (the first instant of the next UK month), which the core counts
 * in that month.
 */
export function mapMonthlyUsage(
  service: string,
  answer: MonthlyUsage,
  wanted: ReadonlySet<string>,
): UsageParts {
  const parts = emptyParts();
  for (const [type, rows] of Object.entries(answer)) {
    const byMonth = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      const key = monthKey(row.date.year, row.date.month);
      if (wanted.has(key)) byMonth.set(key, row);
    }
    if (byMonth.size === 0) continue;
    parts.meters.push(...transferMeters(service, type));
    for (const row of byMonth.values()) {
      const { year, month } = row.date;
      const end = startOfDate(
        month === 12 ? year + 1 : year,
        month === 12 ? 1 : month + 1,
        1,
        MEMSET_ZONE,
      );
      parts.samples.push(...counterSamples(service, type, end, row.bytes_in, row.bytes_out));
    }
  }
  return parts;
}

/** `memstore.usage(service)`: the stored bytes now, as a gauge. */
export function mapMemstoreUsage(service: string, usage: MemstoreUsage, at: Instant): UsageParts {
  const parts = emptyParts();
  const id = meterId.storage(service);
  parts.meters.push({
    id,
    label: `${service} Memstore storage`,
    kind: 'storage',
    unit: 'bytes',
    scope: serviceScope(service),
    series: 'gauge',
    resolution: 'day',
    timeZone: MEMSET_ZONE,
    details: defined({ containers: usage.containers, objects: usage.objects }),
  });
  parts.samples.push({ meterId: id, at, value: usage.bytes });
  return parts;
}

/**
 * Joins parts; a meter defined twice keeps its richest definition (the current month's, with
 * details, over history's plain one).
 */
export function mergeParts(all: readonly UsageParts[]): UsageParts {
  const merged = emptyParts();
  const meters = new Map<string, Meter>();
  for (const parts of all) {
    for (const meter of parts.meters) {
      const known = meters.get(meter.id);
      const richness = (m: Meter | undefined) => Object.keys(m?.details ?? {}).length;
      if (!known || richness(meter) > richness(known)) meters.set(meter.id, meter);
    }
    merged.samples.push(...parts.samples);
    merged.quotas.push(...parts.quotas);
    merged.forecasts.push(...parts.forecasts);
    merged.notices.push(...parts.notices);
  }
  merged.meters = [...meters.values()];
  return merged;
}
