import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { startOfDate, zoned } from '../../core/time/zoned.ts';
import type { TimeRange } from '../provider.ts';
import { SEEWEB_BILLING_ZONE } from './seeweb.descriptor.ts';

/** One calendar month as the billing API names it, with its bounds in the billing zone. */
export interface BillingMonth {
  readonly year: number;
  readonly month: number;
  /** First instant of the month in Europe/Rome. */
  readonly start: Instant;
  /** First instant of the next month (exclusive). */
  readonly end: Instant;
}

export interface MonthPlan {
  /** Months to ask for, oldest first. */
  readonly months: BillingMonth[];
  /** A month inside the range that the API could still call future: not asked for. */
  readonly notYetOpen: BillingMonth | null;
  /** The oldest month still read, when the range reaches further back than the history limit. */
  readonly historyLimit: BillingMonth | null;
}

const indexOf = (year: number, month: number) => year * 12 + (month - 1);

function monthAt(index: number): BillingMonth {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const next = index + 1;
  return {
    year,
    month,
    start: startOfDate(year, month, 1, SEEWEB_BILLING_ZONE),
    end: startOfDate(Math.floor(next / 12), (next % 12) + 1, 1, SEEWEB_BILLING_ZONE),
  };
}

function monthIndexAt(at: Instant, timeZone: string): number {
  const local = zoned(at, timeZone);
  return indexOf(local.year, local.month);
}

/**
 * The latest month the API cannot call "future". Seeweb does not say in which zone it decides;
 * Rome runs ahead of UTC, so around midnight of the 1st Rome is already in a month that UTC has
 * not reached. Asking only for months that have begun in both zones can never be refused.
 */
function askableIndex(now: Instant): number {
  return Math.min(monthIndexAt(now, 'UTC'), monthIndexAt(now, SEEWEB_BILLING_ZONE));
}

export function latestAskableMonth(now: Instant): BillingMonth {
  return monthAt(askableIndex(now));
}

export function monthKey(month: Pick<BillingMonth, 'year' | 'month'>): string {
  return `${month.year}-${String(month.month).padStart(2, '0')}`;
}

/**
 * The billing months (Europe/Rome) that overlap [range.start, min(range.end, now)), minus any
 * the API could call future and any older than `historyMonths` before the current one.
 */
export function billingMonths(range: TimeRange, now: Instant, historyMonths: number): MonthPlan {
  const until = Math.min(range.end, now);
  if (until <= range.start) return { months: [], notYetOpen: null, historyLimit: null };
  const first = monthIndexAt(range.start, SEEWEB_BILLING_ZONE);
  const last = monthIndexAt(until - 1, SEEWEB_BILLING_ZONE);
  const askable = askableIndex(now);
  const oldest = monthIndexAt(now, SEEWEB_BILLING_ZONE) - historyMonths;
  const months: BillingMonth[] = [];
  for (let index = Math.max(first, oldest); index <= Math.min(last, askable); index++) {
    months.push(monthAt(index));
  }
  return {
    months,
    notYetOpen: last > askable ? monthAt(last) : null,
    historyLimit: first < oldest ? monthAt(oldest) : null,
  };
}
