import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { startOfDate, zoned } from '../../core/time/zoned.ts';
import { monthKey } from './memset.map.ts';

/** bandwidth.monthly_usage accepts years from 2000 to 2100 (VERIFIED parameter bounds). */
const FIRST_YEAR = 2000;

export interface YearWindow {
  readonly year: number;
  /** `yyyy-mm` of the months of this year that overlap the range. */
  readonly months: ReadonlySet<string>;
}

/**
 * The calendar months (in `timeZone`) that overlap [start, end), grouped by year: one
 * bandwidth.monthly_usage call per service and year. `end` is at most the start of the
 * current month, so no current or future month is ever asked for.
 */
export function pastMonthsIn(start: Instant, end: Instant, timeZone: string): YearWindow[] {
  const years = new Map<number, Set<string>>();
  if (end <= start) return [];
  let { year, month } = zoned(start, timeZone);
  if (year < FIRST_YEAR) [year, month] = [FIRST_YEAR, 1];
  while (startOfDate(year, month, 1, timeZone) < end) {
    const months = years.get(year) ?? new Set<string>();
    months.add(monthKey(year, month));
    years.set(year, months);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return [...years].map(([y, months]) => ({ year: y, months }));
}
