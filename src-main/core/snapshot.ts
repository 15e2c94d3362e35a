import type { Account } from '../../src-shared/domain/account.ts';
import type { AlertSettings } from '../../src-shared/domain/config.ts';
import type { Meter, Sample } from '../../src-shared/domain/meter.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import type {
  AccountSnapshot,
  AccountStatus,
  Notice,
  ProviderForecast,
  ProviderQuota,
} from '../../src-shared/domain/usage.ts';
import { alertRulesFor } from './alerts/rules.ts';
import { resolveLines } from './quota/lines.ts';
import { computeMeterUsage } from './quota/meter-usage.ts';

/** Everything known about one account at one moment, from the last poll and from history. */
export interface SnapshotInput {
  readonly account: Account;
  readonly descriptor: ProviderDescriptor;
  readonly meters: readonly Meter[];
  /** The current period's samples at least; earlier ones (history) sharpen the forecast. */
  readonly samples: readonly Sample[];
  readonly providerQuotas: readonly ProviderQuota[];
  /** Period-end projections the provider made itself (`ProviderUsage.forecasts`). */
  readonly providerForecasts?: readonly ProviderForecast[];
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
  const dataAsOf = input.dataAsOf ?? input.fetchedAt;
  const context = { dataAsOf, providerForecasts: input.providerForecasts ?? [] };
  // Each line reads only its own meters' samples: group once instead of filtering per line.
  const byMeter = new Map<string, Sample[]>();
  for (const sample of input.samples) {
    const own = byMeter.get(sample.meterId);
    if (own) own.push(sample);
    else byMeter.set(sample.meterId, [sample]);
  }
  const samplesOf = (members: readonly Meter[]) =>
    members.length === 1
      ? (byMeter.get(members[0]!.id) ?? [])
      : members.flatMap((m) => byMeter.get(m.id) ?? []);
  return {
    accountId: account.id,
    provider: account.provider,
    label: account.label,
    demo: descriptor.demo,
    status: input.status,
    fetchedAt: input.fetchedAt,
    dataAsOf,
    meters: lines.map((line) => {
      // The same thresholds decide the level shown and the alerts sent.
      const { thresholds } = alertRulesFor(line.meter.id, line.thresholds, account, input.alerts);
      return computeMeterUsage(
        { ...line, thresholds },
        samplesOf(line.members),
        input.now,
        thresholds,
        context,
      );
    }),
    notices: [...input.notices, ...notices],
  };
}
