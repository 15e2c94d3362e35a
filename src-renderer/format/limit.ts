import {
  fromBytes,
  isDataUnit,
  pickDataUnit,
  type DataUnit,
} from '../../src-shared/domain/units.ts';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';
import type { Translate } from '../i18n/types.ts';
import type { Formatters } from './formatters.ts';

const IEC: ReadonlySet<DataUnit> = new Set(['KiB', 'MiB', 'GiB', 'TiB']);

/**
 * The unit a line's quota is shown in: the one it was written in ("3,240 GB", not "3.24 TB")
 * when that unit belongs to the unit system the user reads in, else the one its size picks.
 * Null for amounts that are not sizes, or a line without a quota.
 */
function quotaDataUnit(line: MeterUsage, fmt: Formatters): DataUnit | null {
  const quota = line.quota;
  if (line.meter.unit !== 'bytes' || !quota) return null;
  const written = quota.unit;
  if (
    written &&
    isDataUnit(written) &&
    written !== 'B' &&
    IEC.has(written) === (fmt.units === 'iec')
  )
    return written;
  const picked = pickDataUnit(quota.limit, fmt.units);
  return picked === 'B' ? null : picked;
}

/** Three significant digits, as other amounts have (src-shared/domain/units.ts formatBytes). */
function digitsFor(value: number): number {
  const size = Math.abs(value);
  return size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/**
 * How a line's amounts are written: in the unit its quota is shown in, so that used, left and
 * forecast read in the same unit as the quota ("1,812 GB of 3,240 GB", not "1.81 TB of
 * 3,240 GB"); without a quota, as any other amount. An amount too small to show in the
 * quota's unit ("0 GB") keeps its own ("3 MB").
 */
export function lineAmounts(line: MeterUsage, fmt: Formatters): (value: number) => string {
  const unit = quotaDataUnit(line, fmt);
  if (unit === null) return (value) => fmt.amount(value, line.meter.unit);
  return (value) => {
    const inUnit = fromBytes(value, unit);
    if (value !== 0 && Math.abs(inUnit) < 0.005) return fmt.amount(value, line.meter.unit);
    return `${fmt.number(inUnit, digitsFor(inUnit))} ${unit}`;
  };
}

/** A quota as it is shown: as it was written ("3,240 GB"), to two decimals; null without one. */
export function formatLimit(line: MeterUsage, fmt: Formatters): string | null {
  const quota = line.quota;
  if (!quota) return null;
  const unit = quotaDataUnit(line, fmt);
  if (unit === null || unit !== quota.unit) return fmt.amount(quota.limit, line.meter.unit);
  return `${fmt.number(fromBytes(quota.limit, unit), 2)} ${unit}`;
}

/** "1,812 GB of 3,240 GB": what a line has used against its quota, or alone without one. */
export function formatUsed(line: MeterUsage, fmt: Formatters, t: Translate): string {
  const used = lineAmounts(line, fmt)(line.used);
  const limit = formatLimit(line, fmt);
  return limit === null ? used : t('figures.usedOf', { used, limit });
}
