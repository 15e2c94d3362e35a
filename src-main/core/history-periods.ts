import type { Account } from '../../src-shared/domain/account.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import type { Period } from '../../src-shared/domain/usage.ts';
import { periodAt, previousPeriod, type PeriodRule } from './quota/period.ts';

/**
 * The period layout the window's period picker uses for an account: its first quota's (the
 * user's, else the provider's default), else the calendar month in the provider's zone.
 */
export function primaryPeriodRule(
  account: Pick<Account, 'quotas'>,
  descriptor: Pick<ProviderDescriptor, 'defaultQuotas' | 'billingTimeZone'>,
): PeriodRule {
  const quota = account.quotas[0] ?? descriptor.defaultQuotas[0];
  return {
    anchorDay: quota?.period.anchorDay ?? 1,
    timeZone: quota?.period.timeZone ?? descriptor.billingTimeZone,
  };
}

/** The current period and every earlier one back to the first stored sample, newest first. */
export function historyPeriods(
  span: { readonly first: Instant } | null,
  rule: PeriodRule,
  now: Instant,
  limit = 120,
): Period[] {
  const periods = [periodAt(now, rule)];
  while (span && periods.length < limit && periods.at(-1)!.start > span.first) {
    periods.push(previousPeriod(periods.at(-1)!, rule));
  }
  return periods;
}
