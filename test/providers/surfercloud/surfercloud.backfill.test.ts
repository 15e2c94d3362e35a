import { describe, expect, it } from 'vitest';
import { surfercloudAdapter } from '../../../src-main/providers/surfercloud/surfercloud.adapter.ts';
import { billingWindows } from '../../../src-main/providers/surfercloud/surfercloud.map.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import { FIXTURE_EIPS } from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { NOW, NOW_S, expectedDays, setup, trafficEips } from './support.ts';

const DAY = 86_400_000;
const YEAR_S = 365 * 86_400;

describe('SurferCloud backfill', () => {
  it('reads three years in windows the API accepts, and gets every day exactly once', async () => {
    const { fake, ctx } = await setup();
    const range = { start: Date.parse('2024-01-01T00:00:00+08:00'), end: Date.parse(NOW) };
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, range));

    const byEip = new Map<string, { start: number; end: number }[]>();
    for (const call of fake.calls.filter((c) => c.action === 'GetThroughputDailyBillingInfo')) {
      const id = call.params.get('EIPId')!;
      const windows = byEip.get(id) ?? [];
      windows.push({
        start: Number(call.params.get('StartTime')),
        end: Number(call.params.get('EndTime')),
      });
      byEip.set(id, windows);
    }
    for (const eip of trafficEips(NOW_S)) {
      const windows = byEip.get(eip.id)!.sort((a, b) => a.start - b.start);
      // Contiguous from the creation time to now, each at most 365 days.
      expect(windows[0]!.start).toBe(Math.max(eip.createTime, range.start / 1000));
      expect(windows.at(-1)!.end).toBe(NOW_S);
      windows.forEach((w, i) => {
        expect(w.end - w.start).toBeLessThanOrEqual(YEAR_S);
        if (i > 0) expect(w.start).toBe(windows[i - 1]!.end);
      });
      const days = expectedDays(eip, range.start / 1000, NOW_S, NOW_S);
      const samples = usage.samples.filter((s) => s.meterId === `transfer-out:${eip.id}`);
      expect(samples.map((s) => [s.at, s.value])).toEqual(days.map((d) => [d.at, d.gb * 1e9]));
    }
    const oldest = FIXTURE_EIPS.find((e) => e.id === 'eip-usca00')!;
    expect(byEip.get(oldest.id)).toHaveLength(3);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    const { fake, ctx } = await setup();
    fake.holdMs = 15;
    await surfercloudAdapter.fetchUsage(ctx, {
      start: Date.parse('2024-06-01T00:00:00+08:00'),
      end: Date.parse(NOW),
    });
    // The backfill has more windows than the limit allows at once: the limit is reached, never passed.
    expect(
      fake.calls.filter((c) => c.action === 'GetThroughputDailyBillingInfo').length,
    ).toBeGreaterThan(surfercloudAdapter.descriptor.maxConcurrency);
    expect(fake.maxInFlight).toBe(surfercloudAdapter.descriptor.maxConcurrency);
  });

  it('splits at midnight UTC+8 after the first window, and skips windows before creation', () => {
    const created = Date.parse('2024-02-10T13:45:00+08:00');
    const windows = billingWindows(
      {
        start: Date.parse('2023-01-01T00:00:00+08:00'),
        end: Date.parse('2025-06-01T00:00:00+08:00'),
      },
      created,
    );
    expect(
      windows.map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()]),
    ).toEqual([
      ['2024-02-10T05:45:00.000Z', '2025-02-08T16:00:00.000Z'],
      ['2025-02-08T16:00:00.000Z', '2025-05-31T16:00:00.000Z'],
    ]);
    expect(windows.every((w) => w.end - w.start <= 365 * DAY)).toBe(true);
    expect(billingWindows({ start: 0, end: created }, created)).toEqual([]);
  });
});
