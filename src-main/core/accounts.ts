import type { Account } from '../../src-shared/domain/account.ts';
import type { Config } from '../../src-shared/domain/config.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import { periodAt } from './quota/period.ts';

/** The account shown while none is configured, so the app is never empty on first start. */
export const DEMO_ACCOUNT: Account = {
  id: 'demo',
  provider: 'demo',
  label: 'Demo account (simulated)',
  options: {},
  enabled: true,
  quotas: [],
};

/**
 * The accounts to show and poll: the configured ones, or the demo while there are none
 * (unless the user switched the demo off).
 */
export function effectiveAccounts(config: Pick<Config, 'accounts' | 'preferences'>): Account[] {
  if (config.accounts.length === 0 && config.preferences.demo === 'auto') return [DEMO_ACCOUNT];
  return config.accounts;
}

export function pollIntervalMinutes(account: Account, descriptor: ProviderDescriptor): number {
  return Math.max(
    account.pollIntervalMinutes ?? descriptor.defaultPollMinutes,
    descriptor.minPollMinutes,
  );
}

/**
 * The range a poll must cover so that every quota's current period can be computed: from the
 * earliest current-period start among the account's quotas (and the provider's calendar month).
 */
export function currentFetchRange(account: Account, descriptor: ProviderDescriptor, now: Instant) {
  const rules = [...account.quotas, ...descriptor.defaultQuotas].map((q) => ({
    anchorDay: q.period.anchorDay,
    timeZone: q.period.timeZone ?? descriptor.billingTimeZone,
  }));
  rules.push({ anchorDay: 1, timeZone: descriptor.billingTimeZone });
  const start = Math.min(...rules.map((rule) => periodAt(now, rule).start));
  return { start, end: now };
}
