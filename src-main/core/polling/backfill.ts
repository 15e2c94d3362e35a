import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import type { TimeRange } from '../../providers/provider.ts';
import { backoff } from '../schedule/next-poll.ts';
import { startOfMonth, zoned } from '../time/zoned.ts';

const HOUR_MS = 3_600_000;
/** After a failed backfill, the first retry waits this long; each further failure doubles it. */
export const BACKFILL_RETRY_BASE_MS = 2 * HOUR_MS;
export const BACKFILL_RETRY_MAX_MS = 48 * HOUR_MS;

/**
 * When an account's backfill may run again after failing: not at every poll (a provider that
 * refuses old months, for permissions or an outage, would be asked again every few minutes),
 * but from about 2 hours after a failure, doubling up to 2 days (jittered down, as poll
 * backoff is). Kept in memory: a restart tries
 * again at once.
 */
export class BackfillRetry {
  #failures = 0;
  #retryAt: Instant | null = null;

  /** Whether a backfill may start now. */
  due(now: Instant): boolean {
    return this.#retryAt === null || this.#retryAt <= now;
  }

  /** Records a failure; returns when the backfill may be tried again. */
  failed(now: Instant, random: () => number): Instant {
    this.#failures++;
    const delay = backoff(BACKFILL_RETRY_BASE_MS, BACKFILL_RETRY_MAX_MS, this.#failures, random);
    this.#retryAt = Math.round(now + delay);
    return this.#retryAt;
  }

  succeeded(): void {
    this.#failures = 0;
    this.#retryAt = null;
  }
}

/**
 * The history to fetch when an account is first added: from the start of the month
 * `historyMonths` before the current one (in the provider's zone) up to the start of what
 * the regular poll reads. Null when the provider keeps no history.
 */
export function backfillRange(
  descriptor: ProviderDescriptor,
  currentStart: Instant,
): TimeRange | null {
  if (descriptor.historyMonths <= 0) return null;
  const zone = descriptor.billingTimeZone;
  const start = startOfMonth(
    zoned(startOfMonth(currentStart, zone), zone).subtract({ months: descriptor.historyMonths })
      .epochMilliseconds,
    zone,
  );
  return start < currentStart ? { start, end: currentStart } : null;
}
