import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { DEMO_ACCOUNT } from '../../../src-main/core/accounts.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';

function context(now: string, accountId = 'demo'): FetchContext {
  return {
    account: { ...DEMO_ACCOUNT, id: accountId },
    baseUrl: 'https://demo.invalid',
    credentials: {},
    http: { request: () => Promise.reject(new Error('the demo makes no requests')) },
    clock: new FakeClock(now),
    signal: new AbortController().signal,
    log: silentLogger,
  };
}

const range = {
  start: Date.parse('2026-11-01T00:00:00Z'),
  end: Date.parse('2026-12-01T00:00:00Z'),
};

describe('demo provider', () => {
  it('simulates every day of the period so far, with today pro rata', async () => {
    const usage = ProviderUsageSchema.parse(
      await demoAdapter.fetchUsage(context('2026-11-21T12:00:00Z'), range),
    );
    const transfer = usage.samples.filter((s) => s.meterId === 'transfer');
    expect(transfer).toHaveLength(21);
    expect(new Date(transfer.at(-1)!.at).toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(usage.meters.map((m) => m.kind).sort()).toEqual(['cost', 'storage', 'transfer-total']);
  });

  it('is deterministic for the same account and day, and differs between accounts', async () => {
    const a = await demoAdapter.fetchUsage(context('2026-11-21T12:00:00Z'), range);
    const b = await demoAdapter.fetchUsage(context('2026-11-21T12:00:00Z'), range);
    const other = await demoAdapter.fetchUsage(context('2026-11-21T12:00:00Z', 'demo-2'), range);
    expect(b.samples).toEqual(a.samples);
    expect(other.samples).not.toEqual(a.samples);
  });

  it('runs at a realistic pace that nears its 1,000 GB quota by month end', async () => {
    const usage = await demoAdapter.fetchUsage(context('2026-12-01T00:00:00Z'), range);
    const month = usage.samples
      .filter((s) => s.meterId === 'transfer')
      .reduce((sum, s) => sum + s.value, 0);
    expect(month / 1e9).toBeGreaterThan(850);
    expect(month / 1e9).toBeLessThan(1250);
    const costs = usage.samples.filter((s) => s.meterId === 'cost').map((s) => s.value);
    expect(Math.min(...costs)).toBeGreaterThan(0);
  });
});
