import { describe, expect, it, onTestFinished } from 'vitest';
import { headroomGroups } from '../../src-renderer/model/headroom.ts';
import { primaryLine } from '../../src-renderer/model/lines.ts';
import type { AccountSnapshot, MeterUsage } from '../../src-shared/domain/usage.ts';
import { startAppHarness } from '../support/app-harness.ts';

async function snapshotsOf(fakes: string[]) {
  const harness = await startAppHarness({ fakes, configure: true });
  onTestFinished(() => harness.close());
  await harness.handlers['usage:refresh']();
  return (await harness.handlers['usage:get']()).accounts;
}

describe('where there is headroom', () => {
  it('puts IDCF’s regions side by side against their own allowance, most room first', async () => {
    const [idcf] = await snapshotsOf(['idcf']);
    const groups = headroomGroups([idcf!]);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group).toMatchObject({ kind: 'transfer-total', scopeLevel: 'region', unit: 'bytes' });
    const rows = group!.rows;
    expect(rows.map((r) => r.line.meter.scope.id)).toEqual(['jp-west', 'jp-east', 'jp-east-2']);
    for (const row of rows) {
      expect(row.limit).toBe(3_240e9);
      expect(row.remainingAtEnd).toBeCloseTo(3_240e9 - row.line.forecast!.high, 0);
    }
    expect(group!.best).toBe(rows[0]);
  });

  it('needs no provider: any account with an allowance split by scope qualifies', () => {
    const line = (scope: string, used: number, limit: number | null): MeterUsage => ({
      meter: {
        id: `transfer:${scope}`,
        label: scope,
        kind: 'transfer-out',
        unit: 'bytes',
        scope: { level: 'zone', id: scope },
        series: 'delta',
        resolution: 'day',
        timeZone: 'UTC',
      },
      memberMeterIds: [`transfer:${scope}`],
      period: { start: 0, end: 30 * 86_400_000, timeZone: 'UTC' },
      used,
      peak: null,
      quota: limit === null ? null : { limit, source: 'user', quotaId: 'q' },
      percentUsed: limit === null ? null : (used / limit) * 100,
      remaining: limit === null ? null : limit - used,
      level: limit === null ? 'none' : 'ok',
      forecast: null,
      dailyBudget: null,
      daily: [],
    });
    const snapshot: AccountSnapshot = {
      accountId: 'any',
      provider: 'demo',
      label: 'Any',
      demo: false,
      status: { state: 'ok' },
      fetchedAt: 0,
      dataAsOf: 0,
      meters: [line('a', 90, 100), line('b', 10, 100), line('c', 5, null)],
      notices: [],
    };
    const [group] = headroomGroups([snapshot]);
    // Only scopes with an allowance are compared; the others are listed apart.
    expect(group!.rows.map((r) => [r.name, r.remainingAtEnd])).toEqual([
      ['b', 90],
      ['a', 10],
    ]);
    expect(group!.unmetered.map((r) => [r.name, r.used])).toEqual([['c', 5]]);
    expect(group!.best!.name).toBe('b');
    // One scope, or scopes without any allowance, are nothing to compare.
    expect(headroomGroups([{ ...snapshot, meters: [line('a', 1, 10)] }])).toEqual([]);
    expect(
      headroomGroups([{ ...snapshot, meters: [line('a', 1, null), line('b', 1, null)] }]),
    ).toEqual([]);
  });

  it('leads a card with the line closest to its quota', async () => {
    const [idcf] = await snapshotsOf(['idcf']);
    expect(primaryLine(idcf!)!.meter.id).toBe('transfer-total:jp-east-2');
    expect(primaryLine({ meters: [] })).toBeNull();
  });
});
