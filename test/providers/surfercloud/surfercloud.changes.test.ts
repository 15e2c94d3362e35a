import { describe, expect, it } from 'vitest';
import { surfercloudAdapter } from '../../../src-main/providers/surfercloud/surfercloud.adapter.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import { FIXTURE_EIPS, platformSeconds } from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { MONTH_START, NOW, NOW_S, expectedDays, setup } from './support.ts';

/** EIPs that changed during November: the bill still has their traffic-billed days. */

const month = { start: MONTH_START, end: Date.parse(NOW) };
const eip = (id: string) => FIXTURE_EIPS.find((e) => e.id === id)!;
const gbOf = (days: { gb: number }[]) => days.reduce((sum, d) => sum + d.gb, 0);
const bytesOf = (samples: { meterId: string; value: number }[], meterId: string) =>
  samples.filter((s) => s.meterId === meterId).reduce((sum, s) => sum + s.value, 0);

describe('SurferCloud EIPs that changed during the month', () => {
  it('counts the traffic-billed days of an EIP switched to bandwidth billing mid-month', async () => {
    const { fake, ctx } = await setup();
    const switchedAt = platformSeconds('2026-11-10T00:00:00');
    fake.switchPayMode('eip-usca01', 'Bandwidth', switchedAt);
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, month));

    const before = expectedDays(eip('eip-usca01'), MONTH_START / 1000, switchedAt, switchedAt);
    expect(gbOf(before)).toBeGreaterThan(0);
    expect(bytesOf(usage.samples, 'transfer-out:eip-usca01')).toBe(gbOf(before) * 1e9);
    const meter = usage.meters.find((m) => m.id === 'transfer-out:eip-usca01')!;
    expect(meter.details).toMatchObject({ payModeNow: 'Bandwidth' });
    expect(usage.notices.map((n) => n.message)).toContainEqual(
      `EIP eip-usca01 (152.32.128.11) is billed by Bandwidth now, but had ${gbOf(before)} GB of traffic-billed days in this period: counted`,
    );

    // The account total is every traffic-billed EIP's days plus the switched EIP's.
    const stillTraffic = FIXTURE_EIPS.filter(
      (e) => e.region !== 'sg' && e.payMode === 'Traffic' && e.createTime <= NOW_S,
    ).filter((e) => e.id !== 'eip-usca01');
    const expected = stillTraffic.reduce(
      (sum, e) => sum + gbOf(expectedDays(e, MONTH_START / 1000, NOW_S, NOW_S)),
      gbOf(before),
    );
    expect(bytesOf(usage.samples, 'transfer-out:total')).toBe(expected * 1e9);
    // EIPs billed by bandwidth all month make no line.
    expect(usage.meters.some((m) => m.id === 'transfer-out:eip-usca02')).toBe(false);
  });

  it('reads a chosen EIP released mid-month by id, when SurferCloud still answers for it', async () => {
    const { fake, ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, eips: ['eip-usca03'] } }),
    });
    const releasedAt = platformSeconds('2026-11-15T12:00:00');
    fake.release('eip-usca03', releasedAt);
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, month));

    const days = expectedDays(eip('eip-usca03'), MONTH_START / 1000, releasedAt, releasedAt);
    expect(gbOf(days)).toBeGreaterThan(0);
    expect(bytesOf(usage.samples, 'transfer-out:eip-usca03')).toBe(gbOf(days) * 1e9);
    expect(bytesOf(usage.samples, 'transfer-out:total')).toBe(gbOf(days) * 1e9);
    expect(usage.meters.find((m) => m.id === 'transfer-out:eip-usca03')!.details).toMatchObject({
      listed: false,
    });
    expect(usage.notices.map((n) => [n.level, n.message])).toContainEqual([
      'info',
      'EIP eip-usca03 is no longer listed in us-ca, hk, sg (released?); its traffic this period was read by id',
    ]);
  });

  it('warns that the total may be short when a released chosen EIP cannot be read', async () => {
    const { fake, ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, eips: ['eip-usca03', 'eip-hk00'] } }),
    });
    fake.release('eip-usca03', platformSeconds('2026-11-15T12:00:00'));
    fake.answersForReleased = false;
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, month));

    expect(usage.meters.map((m) => m.id)).toEqual(['transfer-out:eip-hk00', 'transfer-out:total']);
    expect(usage.notices.filter((n) => n.level === 'warning').map((n) => n.message)).toEqual([
      'EIP eip-usca03 was not found in us-ca, hk, sg (released, or in another region or project?): its traffic cannot be read, so the total may be less than the bill',
    ]);
  });
});
