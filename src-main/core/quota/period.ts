import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Period } from '../../../src-shared/domain/usage.ts';
import { startOfDate, zoned } from '../time/zoned.ts';

/** How a billing period is laid out: the month starting on `anchorDay` in `timeZone`. */
export interface PeriodRule {
  readonly anchorDay: number;
  readonly timeZone: string;
}

function anchoredStart(year: number, month: number, rule: PeriodRule): Instant {
  return startOfDate(year, month, rule.anchorDay, rule.timeZone);
}

/**
 * The billing period that contains `at`. An anchor day past the end of a month clamps to its
 * last day (anchor 31 → 28 or 29 February), and the next period starts on the anchor again.
 */
export function periodAt(at: Instant, rule: PeriodRule): Period {
  const local = zoned(at, rule.timeZone);
  let year = local.year;
  let month = local.month;
  if (anchoredStart(year, month, rule) > at) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return {
    start: anchoredStart(year, month, rule),
    end: anchoredStart(nextYear, nextMonth, rule),
    timeZone: rule.timeZone,
  };
}

export function previousPeriod(period: Period, rule: PeriodRule): Period {
  return periodAt(period.start - 1, rule);
}

export function nextPeriod(period: Period, rule: PeriodRule): Period {
  return periodAt(period.end, rule);
}
