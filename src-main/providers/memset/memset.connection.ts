import type { Meter } from '../../../src-shared/domain/meter.ts';
import { DATA_UNIT_BYTES, type DataUnit } from '../../../src-shared/domain/units.ts';
import type { Notice, ProviderQuota } from '../../../src-shared/domain/usage.ts';
import type { BandwidthEntry } from './memset.schema.ts';

/** The gigabyte sizes `bandwidth.info` may mean by GB (the docs do not say). */
export type GigabyteUnit = Extract<DataUnit, 'GB' | 'GiB'>;

export type Details = NonNullable<Meter['details']>;

/** Drops absent optional keys, so details only show what Memset stated. */
export function definedDetails(entries: Record<string, string | number | undefined>): Details {
  const out: Details = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * `remaining` has no stated unit (INFERRED: GB, like inclusive_transfer). It is checked against
 * quota − used under each reading (the configured GB, the other GB, bytes); the first that
 * agrees within 0.1 % of the quota wins. Cloudmeter's own remaining is always quota − used.
 */
export function readRemaining(
  remaining: number,
  quotaGb: number | null,
  usedBytes: number,
  unit: GigabyteUnit,
): { bytes: number; unit: GigabyteUnit | 'bytes'; agrees: boolean } {
  const other: GigabyteUnit = unit === 'GB' ? 'GiB' : 'GB';
  const limitIn = (u: GigabyteUnit) => (quotaGb === null ? null : quotaGb * DATA_UNIT_BYTES[u]);
  const configured = { unit, bytes: remaining * DATA_UNIT_BYTES[unit], limit: limitIn(unit) };
  const readings = [
    configured,
    { unit: other, bytes: remaining * DATA_UNIT_BYTES[other], limit: limitIn(other) },
    { unit: 'bytes' as const, bytes: remaining, limit: configured.limit },
  ];
  const fits = readings.find(
    (r) => r.limit !== null && Math.abs(r.limit - usedBytes - r.bytes) <= r.limit * 0.001 + 1,
  );
  if (fits) return { bytes: fits.bytes, unit: fits.unit, agrees: true };
  return { bytes: configured.bytes, unit, agrees: false };
}

function gigabytes(bytes: number, unit: GigabyteUnit): string {
  const amount = (bytes / DATA_UNIT_BYTES[unit]).toLocaleString('en', {
    maximumFractionDigits: 2,
  });
  return `${amount} ${unit}`;
}

export interface ConnectionFacts {
  readonly quota: ProviderQuota | null;
  readonly notices: Notice[];
  readonly details: Details;
}

/**
 * What a server's connection says beyond its byte counts: the quota of a metered connection
 * (inclusive_transfer + bandwidth_bank GB, on the in + out meter), the arrears warning, the
 * `remaining` cross-check, and the connection facts shown as details. Services that are not
 * servers have none of these keys and get empty facts.
 */
export function connectionFacts(
  service: string,
  entry: BandwidthEntry,
  unit: GigabyteUnit,
  totalMeterId: string,
): ConnectionFacts {
  const notices: Notice[] = [];
  const used = entry.bytes_in + entry.bytes_out;
  const connection = entry.connection_type;
  const hasAllowance = entry.inclusive_transfer !== undefined || entry.bandwidth_bank !== undefined;
  const quotaGb =
    connection !== 'unmetered' && hasAllowance
      ? (entry.inclusive_transfer ?? 0) + (entry.bandwidth_bank ?? 0)
      : null;
  const quota =
    quotaGb !== null && quotaGb > 0
      ? {
          meterIds: [totalMeterId],
          limit: quotaGb * DATA_UNIT_BYTES[unit],
          label: `${service} inclusive transfer + bandwidth bank`,
        }
      : null;
  if (connection === 'inarrears') {
    notices.push({
      level: 'warning',
      meterId: totalMeterId,
      message: `Memset reports "${service}" as in arrears (connection type "inarrears"): check the account's invoices in the Memset control panel.`,
    });
  }
  let remaining: Details = {};
  if (entry.remaining !== undefined) {
    const read = readRemaining(entry.remaining, quotaGb, used, unit);
    remaining = { remainingBytes: read.bytes, remainingUnit: read.unit };
    if (quotaGb !== null && !read.agrees) {
      const expected = gigabytes(quotaGb * DATA_UNIT_BYTES[unit] - used, unit);
      notices.push({
        level: 'info',
        meterId: totalMeterId,
        message: `Memset's "remaining" for "${service}" (${entry.remaining}) does not match inclusive transfer + bank − used (${expected}); Cloudmeter shows quota − used.`,
      });
    } else if (read.unit !== unit && read.unit !== 'bytes') {
      notices.push({
        level: 'info',
        meterId: totalMeterId,
        message: `Memset's figures for "${service}" agree with ${read.unit === 'GiB' ? 'binary' : 'decimal'} gigabytes: set the account option gigabyteUnit to "${read.unit}".`,
      });
    }
  }
  const details = definedDetails({
    connectionType: connection,
    inclusiveTransferGB: entry.inclusive_transfer,
    bandwidthBankGB: entry.bandwidth_bank,
    contention: entry.contention,
    maxBurstMbps: entry.max_burst,
    ...remaining,
  });
  return { quota, notices, details };
}
