import { describe, expect, it } from 'vitest';
import { computeSnapshot, type SnapshotInput } from '../../src-main/core/snapshot.ts';
import { AccountSchema, type AccountInput } from '../../src-shared/domain/account.ts';
import { AlertSettingsSchema } from '../../src-shared/domain/config.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { at, daily, DAY, GB, meter, TOKYO } from './fixtures.ts';

const JULY = at('2024-06-30T15:00:00Z'); // 1 July JST
const transfer = meter('transfer:jp-east');
const descriptor = ProviderDescriptorSchema.parse({
  id: 'idcf',
  displayName: 'IDCF Cloud',
  summary: 'test',
  credentialFields: [],
  optionFields: [],
  defaultQuotas: [
    {
      id: 'free-transfer',
      match: { kind: 'transfer-total' },
      limit: { amount: 1000, unit: 'GB' },
    },
  ],
  billingTimeZone: TOKYO,
  minPollMinutes: 5,
  defaultPollMinutes: 60,
  historyMonths: 12,
  maxConcurrency: 2,
  defaultBaseUrl: 'https://your.idcfcloud.com',
});

function snapshotOf(account: Partial<AccountInput>, extra: Partial<SnapshotInput> = {}) {
  return computeSnapshot({
    account: AccountSchema.parse({ id: 'idcf', provider: 'idcf', label: 'IDCF', ...account }),
    descriptor,
    meters: [transfer],
    samples: daily(transfer.id, JULY, Array(10).fill(60 * GB)), // 600 GB: 60 %
    providerQuotas: [],
    notices: [],
    status: { state: 'ok' },
    fetchedAt: JULY + 10 * DAY,
    dataAsOf: null,
    now: JULY + 10 * DAY,
    alerts: AlertSettingsSchema.parse({}),
    ...extra,
  });
}

describe('account snapshot', () => {
  it('judges the level by the most specific thresholds: meter, then quota, account, global', () => {
    const line = (account: Partial<AccountInput>) => snapshotOf(account).meters[0]!;
    expect(line({})).toMatchObject({ level: 'ok', thresholds: { warningPercent: 80 } });
    const accountWide = { alerts: { thresholds: { warningPercent: 50, criticalPercent: 90 } } };
    expect(line(accountWide).level).toBe('warning');
    const quota: Partial<AccountInput> = {
      quotas: [
        {
          id: 'free-transfer',
          match: { kind: 'transfer-total' },
          limit: { amount: 1000, unit: 'GB' },
          thresholds: { warningPercent: 70, criticalPercent: 99 },
        },
      ],
    };
    expect(line({ ...accountWide, ...quota }).level).toBe('ok');
    const perMeter = {
      alerts: {
        ...accountWide.alerts,
        meters: { [transfer.id]: { thresholds: { warningPercent: 40, criticalPercent: 55 } } },
      },
    };
    expect(line({ ...perMeter, ...quota })).toMatchObject({
      level: 'critical',
      thresholds: { warningPercent: 40, criticalPercent: 55 },
    });
  });

  it("passes the provider's forecasts and data-as-of time on to the forecast", () => {
    const withProvider = snapshotOf(
      {},
      { providerForecasts: [{ meterId: transfer.id, periodEndValue: 2000 * GB }] },
    );
    expect(withProvider.meters[0]!.forecast).toMatchObject({ basis: 'provider', low: 2000 * GB });
    const trend = snapshotOf({});
    expect(trend.meters[0]!.forecast).toMatchObject({ basis: 'trend', low: 1860 * GB });
    // Data complete only up to 6 July (IDCF runs a day or so behind): 300 GB took 5 days.
    const lagging = snapshotOf(
      {},
      { samples: daily(transfer.id, JULY, Array(5).fill(60 * GB)), dataAsOf: JULY + 5 * DAY },
    );
    expect(lagging.meters[0]!.forecast!.low).toBeCloseTo((300 + 26 * 60) * GB, -3);
    expect(lagging.dataAsOf).toBe(JULY + 5 * DAY);
  });
});
