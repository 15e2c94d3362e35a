import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import type { TimeRange } from '../../providers/provider.ts';
import { startOfMonth, zoned } from '../time/zoned.ts';

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
