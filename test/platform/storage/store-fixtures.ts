import type { HistoryStore, PollRecord } from '../../../src-main/core/history-store.ts';
import type { Meter } from '../../../src-shared/domain/meter.ts';
import type { ProviderUsage } from '../../../src-shared/domain/usage.ts';

export const HOUR = 3_600_000;

export function transferMeter(id = 'transfer', extra: Partial<Meter> = {}): Meter {
  return {
    id,
    label: `Transfer ${id}`,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'account', id: '' },
    series: 'delta',
    resolution: 'hour',
    timeZone: 'Europe/London',
    ...extra,
  };
}

export function usageOf(
  meters: Meter[],
  samples: ProviderUsage['samples'],
  extra: Partial<ProviderUsage> = {},
): ProviderUsage {
  return { meters, samples, quotas: [], forecasts: [], notices: [], ...extra };
}

export function okPoll(accountId: string, at: number, usage: ProviderUsage): PollRecord {
  return {
    accountId,
    provider: 'demo',
    startedAt: at - 500,
    finishedAt: at,
    outcome: 'ok',
    range: { start: at - 30 * 24 * HOUR, end: at },
    usage,
  };
}

/** 30 days of hourly transfer (UTC) on account `a`, one unit an hour, up to `now`. */
export function seedHourly(store: HistoryStore, now: number): void {
  const samples = Array.from({ length: 30 * 24 }, (_, i) => ({
    meterId: 'transfer',
    at: now - (i + 1) * HOUR,
    value: 1,
  }));
  store.recordPoll(
    okPoll('a', now, usageOf([transferMeter('transfer', { timeZone: 'UTC' })], samples)),
  );
}

/** Samples of the seeded meter before `cutoff`, and their total. */
export function olderThan(store: HistoryStore, cutoff: number) {
  const samples = store.samples({ accountId: 'a', from: 0, to: cutoff });
  return { rows: samples.length, total: samples.reduce((sum, s) => sum + s.value, 0) };
}
