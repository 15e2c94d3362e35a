import type { Account } from '../../../src-shared/domain/account.ts';
import type { AlertSettings } from '../../../src-shared/domain/config.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import type { AccountSnapshot, AccountStatus } from '../../../src-shared/domain/usage.ts';
import { currentFetchRange } from '../accounts.ts';
import type { HistoryStore } from '../history-store.ts';
import { computeSnapshot } from '../snapshot.ts';
import { accountStatus } from './account-status.ts';

const DAY_MS = 86_400_000;

/** The forecast's trailing 7-day pace may reach into the previous period: read a little more. */
const FORECAST_LOOKBACK_MS = 8 * DAY_MS;

/** What an account shows before anything could be read from the store. */
export function pendingSnapshot(account: Account, descriptor: ProviderDescriptor): AccountSnapshot {
  return {
    accountId: account.id,
    provider: account.provider,
    label: account.label,
    demo: descriptor.demo,
    status: account.enabled ? { state: 'pending' } : { state: 'disabled' },
    fetchedAt: null,
    dataAsOf: null,
    meters: [],
    notices: [],
  };
}

/** An account's snapshot as of `now`, from what the history store holds. */
export function snapshotFromStore(
  store: HistoryStore,
  account: Account,
  descriptor: ProviderDescriptor,
  status: AccountStatus,
  alerts: AlertSettings,
  now: Instant,
): AccountSnapshot {
  const range = currentFetchRange(account, descriptor, now);
  const state = store.accountState(account.id);
  return computeSnapshot({
    account,
    descriptor,
    meters: store.meters(account.id),
    samples: store.samples({
      accountId: account.id,
      from: range.start - FORECAST_LOOKBACK_MS,
      to: now + 1,
    }),
    providerQuotas: state?.quotas ?? [],
    providerForecasts: state?.forecasts ?? [],
    notices: state?.notices ?? [],
    status,
    fetchedAt: state?.fetchedAt ?? null,
    dataAsOf: state?.dataAsOf ?? null,
    now,
    alerts,
  });
}

/** An account's snapshot with its status, both from what the store holds, as of `now`. */
export function accountSnapshot(
  store: HistoryStore,
  input: {
    readonly account: Account;
    readonly descriptor: ProviderDescriptor;
    /** Fields still missing after the last poll (kept in memory: the store keeps only a message). */
    readonly missingCredentials: readonly string[] | null;
    readonly alerts: AlertSettings;
    readonly now: Instant;
  },
): AccountSnapshot {
  const { account, now } = input;
  const status = accountStatus({
    enabled: account.enabled,
    lastPoll: store.polls(account.id, 1)[0] ?? null,
    lastSuccessAt: store.lastSuccess(account.id)?.finishedAt ?? null,
    missingCredentials: input.missingCredentials,
    staleAfterHours: input.alerts.staleAfterHours,
    now,
  });
  return snapshotFromStore(store, account, input.descriptor, status, input.alerts, now);
}
