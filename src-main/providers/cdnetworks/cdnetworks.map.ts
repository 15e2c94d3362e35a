import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import { toBytes, type DataUnit } from '../../../src-shared/domain/units.ts';
import type { DayWindow } from './cdnetworks.days.ts';
import { instantOf } from './cdnetworks.days.ts';
import { CDNETWORKS_ZONE } from './cdnetworks.descriptor.ts';
import type { DomainTraffic, UsageRow } from './cdnetworks.schema.ts';

/** Pure mapping of CDNetworks answers to meters and samples (bytes, GMT+9 days). */

export const storageMeterId = (domain: string) => `storage:${domain}`;
export const trafficMeterId = (domain: string) => `transfer-total:${domain}`;

export function storageMeter(domain: string): Meter {
  return {
    id: storageMeterId(domain),
    label: `${domain} Local Storage`,
    kind: 'storage',
    unit: 'bytes',
    scope: { level: 'domain', id: domain },
    series: 'gauge',
    resolution: 'day',
    timeZone: CDNETWORKS_ZONE,
  };
}

export function trafficMeter(domain: string): Meter {
  return {
    id: trafficMeterId(domain),
    label: `${domain} CDN traffic`,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'domain', id: domain },
    series: 'delta',
    resolution: 'day',
    timeZone: CDNETWORKS_ZONE,
  };
}

/**
 * Local Storage levels: one gauge sample per row at the instant its timestamp names (the
 * day's midnight for a daily row). The API answers for dateTo inclusive, and the adapter may
 * ask one day past the window (dateTo must exceed dateFrom), so rows outside it are dropped.
 */
export function storageSamples(domain: string, window: DayWindow, rows: readonly UsageRow[]) {
  const wanted = new Set(window.days);
  const byInstant = new Map<number, Sample>();
  for (const row of rows) {
    if (!wanted.has(row.timestamp.slice(0, 10))) continue;
    const at = instantOf(row.timestamp);
    byInstant.set(at, { meterId: storageMeterId(domain), at, value: Math.round(row.usage) });
  }
  return [...byInstant.values()];
}

/**
 * Daily CDN traffic: each `yyyy-MM-dd` slice holds that whole day, in MB. The API also
 * returns the slice containing dateTo (the next day's midnight), which belongs to the next
 * window: only the window's own days are kept, so no day is counted twice.
 */
export function trafficSamples(
  domain: string,
  window: DayWindow,
  answer: DomainTraffic,
  unit: Extract<DataUnit, 'MB' | 'MiB'>,
): Sample[] {
  const wanted = new Set(window.days);
  const byDay = new Map<string, Sample>();
  for (const slice of answer.dataSeries) {
    if (!wanted.has(slice.timestamp)) continue;
    byDay.set(slice.timestamp, {
      meterId: trafficMeterId(domain),
      at: instantOf(slice.timestamp),
      value: Math.round(toBytes(slice.traffic, unit)),
    });
  }
  return [...byDay.values()];
}
