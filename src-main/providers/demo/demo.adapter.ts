import type { Meter, Sample } from '../../../src-shared/domain/meter.ts';
import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { addDays, startOfDay } from '../../core/time/zoned.ts';
import type { FetchContext, ProviderAdapter, TimeRange } from '../provider.ts';
import { demoDescriptor } from './demo.descriptor.ts';
import { demoCostEur, demoStorageBytes, demoTransferBytes } from './demo.simulation.ts';

const ZONE = 'UTC';
const account = { level: 'account', id: '' } as const;

const METERS: readonly Meter[] = [
  {
    id: 'transfer',
    label: 'Data transfer',
    kind: 'transfer-total',
    unit: 'bytes',
    scope: account,
    series: 'delta',
    resolution: 'day',
    timeZone: ZONE,
  },
  {
    id: 'storage',
    label: 'Storage',
    kind: 'storage',
    unit: 'bytes',
    scope: account,
    series: 'gauge',
    resolution: 'day',
    timeZone: ZONE,
  },
  {
    id: 'cost',
    label: 'Cost',
    kind: 'cost',
    unit: 'EUR',
    scope: account,
    series: 'delta',
    resolution: 'day',
    timeZone: ZONE,
  },
];

/** Simulated days in [range.start, min(range.end, now)); today counts pro rata. */
function simulate(seed: string, range: TimeRange, now: number): Sample[] {
  const samples: Sample[] = [];
  const until = Math.min(range.end, now);
  for (let day = startOfDay(range.start, ZONE); day < until; day = addDays(day, 1, ZONE)) {
    const next = addDays(day, 1, ZONE);
    const share = Math.min(1, (until - day) / (next - day));
    samples.push(
      { meterId: 'transfer', at: day, value: Math.round(demoTransferBytes(seed, day) * share) },
      { meterId: 'cost', at: day, value: Math.round(demoCostEur(seed, day) * share * 100) / 100 },
      { meterId: 'storage', at: day, value: demoStorageBytes(seed, day) },
    );
  }
  return samples;
}

export const demoAdapter: ProviderAdapter = {
  descriptor: ProviderDescriptorSchema.parse(demoDescriptor),
  checkCredentials: () => Promise.resolve({ identity: 'demo' }),
  discover: () => Promise.resolve({}),
  fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput> {
    const now = ctx.clock.now();
    return Promise.resolve({
      meters: [...METERS],
      samples: simulate(ctx.account.id, range, now),
      dataAsOf: now,
    });
  },
};
