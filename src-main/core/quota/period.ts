import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Period } from '../../../src-shared/domain/usage.ts';
import { addDays, startOfDate, startOfDay, zoned } from '../time/zoned.ts';

/**
 * How a billing period is laid out: the month starting at midnight of `anchorDay` in
 * `timeZone`. Day 1 is the calendar month; an anchor past the end of a short month clamps to
 * its last day (anchor 31 → 30 April, 28/29 February), and the next period starts on the
 * anchor again (31 March).
 *
 * Default zones come from each provider's descriptor (`billingTimeZone`): IDCF Asia/Tokyo,
 * CDNetworks Local Storage GMT+9 (Asia/Tokyo: no DST; note that the IANA name for a fixed
 * GMT+9 is `Etc/GMT-9`, sign inverted), Memset Europe/London, Seeweb Europe/Rome. SurferCloud
 * does not document its zone: its days are taken as the provider returns them (each daily
 * figure's own start and end epochs), and a provider day is never split between two days or
 * two periods (see `bucketByDay`), so a billing zone that is off by a few hours moves whole
 * days, never fractions of them.
 */
export interface PeriodRule {
  readonly anchorDay: number;
  readonly timeZone: string;
}

function assertRule(rule: PeriodRule): void {
  if (!Number.isInteger(rule.anchorDay) || rule.anchorDay < 1 || rule.anchorDay > 31)
    throw new RangeError(`anchor day must be an integer from 1 to 31, got ${rule.anchorDay}`);
}

/** Midnight of the anchor day of a month (clamped to the month's length), in the rule's zone. */
function anchoredStart(year: number, month: number, rule: PeriodRule): Instant {
  return startOfDate(year, month, rule.anchorDay, rule.timeZone);
}

/**
 * The billing period that contains `at` (start inclusive, end exclusive). Every boundary is a
 * local midnight computed by Temporal, so periods follow DST changes (a London month that
 * contains the spring change is one hour shorter) and never overlap or leave gaps.
 */
export function periodAt(at: Instant, rule: PeriodRule): Period {
  assertRule(rule);
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

/** The periods that overlap [from, to), oldest first (history views, backfill). */
export function periodsBetween(from: Instant, to: Instant, rule: PeriodRule): Period[] {
  const periods: Period[] = [];
  if (to <= from) return periods;
  for (let period = periodAt(from, rule); period.start < to; period = nextPeriod(period, rule)) {
    periods.push(period);
  }
  return periods;
}

/**
 * Calendar days left in the period counting the day that contains `at` (1 on the last day),
 * in the period's zone; 0 once the period has ended. What a daily budget is divided by.
 */
export function calendarDaysLeft(period: Period, at: Instant): number {
  if (at >= period.end) return 0;
  let day = startOfDay(Math.max(at, period.start), period.timeZone);
  let days = 0;
  for (; day < period.end; day = addDays(day, 1, period.timeZone)) days++;
  return days;
}
