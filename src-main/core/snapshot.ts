import type { Account } from '../../src-shared/domain/account.ts';
import type { AlertSettings } from '../../src-shared/domain/config.ts';
import type { Meter, Sample } from '../../src-shared/domain/meter.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import type {
  AccountSnapshot,
  AccountStatus,
  Notice,
  ProviderQuota,
} from '../../src-shared/domain/usage.ts';
import { resolveLines } from './quota/lines.ts';
import { computeMeterUsage } from './quota/meter-usage.ts';

/** Everything known about one account at one moment, from the last poll and from history. */
export interface SnapshotInput {
  readonly account: Account;
  readonly descriptor: ProviderDescriptor;
  readonly meters: readonly Meter[];
  readonly samples: readonly Sample[];
  readonly providerQuotas: readonly ProviderQuota[];
  readonly notices: readonly Notice[];
  readonly status: AccountStatus;
  readonly fetchedAt: Instant | null;
  readonly dataAsOf: Instant | null;
  readonly now: Instant;
  readonly alerts: AlertSettings;
}

/** What the tray, the window and `cloudmeter check` show for an account. Pure. */
export function computeSnapshot(input: SnapshotInput): AccountSnapshot {
  const { account, descriptor } = input;
  const { lines, notices } = resolveLines(input.meters, account, input.providerQuotas, descriptor);
  const thresholds = account.alerts?.thresholds ?? input.alerts.thresholds;
  return {
    accountId: account.id,
    provider: account.provider,
    label: account.label,
    demo: descriptor.demo,
    status: input.status,
    fetchedAt: input.fetchedAt,
    dataAsOf: input.dataAsOf ?? input.fetchedAt,
    meters: lines.map((line) => computeMeterUsage(line, input.samples, input.now, thresholds)),
    notices: [...input.notices, ...notices],
  };
}
