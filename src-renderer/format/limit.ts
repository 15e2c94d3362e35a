import { fromBytes, isDataUnit, type DataUnit } from '../../src-shared/domain/units.ts';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';
import type { Formatters } from './formatters.ts';

const IEC: ReadonlySet<DataUnit> = new Set(['KiB', 'MiB', 'GiB', 'TiB']);

/**
 * A quota as it was written ("3,240 GB", not "3.24 TB") when its unit belongs to the unit
 * system the user reads in; otherwise like any other amount.
 */
export function formatLimit(line: MeterUsage, fmt: Formatters): string | null {
  const quota = line.quota;
  if (!quota) return null;
  const unit = quota.unit;
  if (line.meter.unit === 'bytes' && unit && isDataUnit(unit) && unit !== 'B') {
    const sameSystem = IEC.has(unit) === (fmt.units === 'iec');
    if (sameSystem) return `${fmt.number(fromBytes(quota.limit, unit), 2)} ${unit}`;
  }
  return fmt.amount(quota.limit, line.meter.unit);
}
