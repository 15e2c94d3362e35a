import { describe, expect, it } from 'vitest';
import { surfercloudAdapter } from '../../../src-main/providers/surfercloud/surfercloud.adapter.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import { FIXTURE_EIPS } from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { MONTH_START, NOW, NOW_S, expectedDays, rejection, setup, trafficEips } from './support.ts';

const month = { start: MONTH_START, end: Date.parse(NOW) };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('SurferCloud adapter', () => {
  it('reads November so far: daily billed GB per traffic-billed EIP and the account total', async () => {
    const { fake, ctx } = await setup();
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, month));

    const eips = trafficEips(NOW_S);
    expect(eips).toHaveLength(15);
    expect(usage.meters.map((m) => m.id).sort()).toEqual(
      [...eips.map((e) => `transfer-out:${e.id}`), 'transfer-out:total'].sort(),
    );
    const totals = new Map<number, number>();
    for (const eip of eips) {
      const days = expectedDays(eip, MONTH_START / 1000, NOW_S, NOW_S);
      const samples = usage.samples.filter((s) => s.meterId === `transfer-out:${eip.id}`);
      expect(samples.map((s) => ({ at: s.at, value: s.value }))).toEqual(
        days.map((d) => ({ at: d.at, value: d.gb * 1e9 })),
      );
      for (const d of days) totals.set(d.at, (totals.get(d.at) ?? 0) + d.gb * 1e9);
    }
    const total = usage.samples.filter((s) => s.meterId === 'transfer-out:total');
    expect(total.map((s) => [s.at, s.value])).toEqual([...totals].sort((a, b) => a[0] - b[0]));
    expect(sum(total.map((s) => s.value))).toBeGreaterThan(0);

    const meter = usage.meters.find((m) => m.id === 'transfer-out:eip-usca01')!;
    expect(meter).toMatchObject({
      kind: 'transfer-out',
      unit: 'bytes',
      series: 'delta',
      resolution: 'day',
      timeZone: 'Asia/Shanghai',
      scope: { level: 'resource', id: 'eip-usca01', label: '152.32.128.11' },
      label: '152.32.128.11 (web-1) outbound',
      details: { region: 'us-ca', notBilledDays: 1 },
    });
    // Today (21 November, UTC+8) is not billed yet; everything before is.
    expect(usage.notices).toEqual([
      {
        level: 'info',
        meterId: 'transfer-out:total',
        message: 'Not billed yet by SurferCloud (BillingState "No"), may still change: 2026-11-21',
      },
    ]);
    expect(usage.dataAsOf).toBe(Date.parse('2026-11-21T00:00:00+08:00'));

    const actions = fake.calls.map((c) => c.action);
    expect(actions.filter((a) => a === 'DescribeEIP')).toHaveLength(4); // us-ca ×2, hk, sg
    // Every listed EIP is asked, whatever its pay mode now (it may have switched this month).
    const listed = FIXTURE_EIPS.filter((e) => e.region !== 'sg' && e.createTime <= NOW_S);
    expect(actions.filter((a) => a === 'GetThroughputDailyBillingInfo')).toHaveLength(
      listed.length,
    );
    expect(usage.meters.find((m) => m.id === 'transfer-out:total')!.label).toBe(
      'All traffic-billed EIPs, outbound',
    );
  });

  it('starts each EIP at its creation time and sends the project and raw epochs', async () => {
    const { fake, ctx } = await setup();
    await surfercloudAdapter.fetchUsage(ctx, month);
    const billing = fake.calls.filter((c) => c.action === 'GetThroughputDailyBillingInfo');
    const created = FIXTURE_EIPS.find((e) => e.id === 'eip-hk03')!;
    const call = billing.find((c) => c.params.get('EIPId') === 'eip-hk03')!;
    expect(Object.fromEntries(call.params)).toMatchObject({
      Region: 'hk',
      ProjectId: 'org-cm4fake',
      StartTime: String(created.createTime),
      EndTime: String(NOW_S),
    });
    const old = billing.find((c) => c.params.get('EIPId') === 'eip-usca00')!;
    expect(old.params.get('StartTime')).toBe(String(MONTH_START / 1000));
  });

  it('never asks beyond now, even for a range that ends in the future', async () => {
    const { fake, ctx } = await setup();
    const usage = await surfercloudAdapter.fetchUsage(ctx, {
      start: MONTH_START,
      end: Date.parse('2026-12-01T00:00:00+08:00'),
    });
    const ends = fake.calls
      .filter((c) => c.action === 'GetThroughputDailyBillingInfo')
      .map((c) => Number(c.params.get('EndTime')));
    expect(Math.max(...ends)).toBe(NOW_S);
    expect(usage.samples.length).toBeGreaterThan(0);
  });

  it('measures only the chosen EIPs and says why others cannot be measured', async () => {
    const { ctx } = await setup({
      account: (a) => ({
        ...a,
        options: { ...a.options, eips: ['eip-usca00', 'eip-usca02', 'eip-gone'] },
      }),
    });
    const usage = ProviderUsageSchema.parse(await surfercloudAdapter.fetchUsage(ctx, month));
    expect(usage.meters.map((m) => m.id)).toEqual([
      'transfer-out:eip-usca00',
      'transfer-out:total',
    ]);
    expect(usage.notices.slice(0, 2).map((n) => [n.level, n.message])).toEqual([
      [
        'info',
        'EIP eip-usca02 (152.32.128.12) is billed by Bandwidth, not traffic: SurferCloud records no traffic for it',
      ],
      [
        'warning',
        'EIP eip-gone was not found in us-ca, hk, sg (released, or in another region or project?): its traffic cannot be read, so the total may be less than the bill',
      ],
    ]);
    // The total is of the EIPs chosen, and says so.
    expect(usage.meters.find((m) => m.id === 'transfer-out:total')!.label).toBe(
      'The chosen EIPs, outbound',
    );
    const eip = FIXTURE_EIPS.find((e) => e.id === 'eip-usca00')!;
    const expected = sum(expectedDays(eip, MONTH_START / 1000, NOW_S, NOW_S).map((d) => d.gb));
    const total = usage.samples.filter((s) => s.meterId === 'transfer-out:total');
    expect(sum(total.map((s) => s.value))).toBe(expected * 1e9);
  });

  it('reads GB as binary when the account says so', async () => {
    const { ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, gbUnit: 'GiB', eips: ['eip-hk00'] } }),
    });
    const usage = await surfercloudAdapter.fetchUsage(ctx, month);
    const eip = FIXTURE_EIPS.find((e) => e.id === 'eip-hk00')!;
    const days = expectedDays(eip, MONTH_START / 1000, NOW_S, NOW_S);
    expect(
      usage.samples.filter((s) => s.meterId === 'transfer-out:eip-hk00').map((s) => s.value),
    ).toEqual(days.map((d) => d.gb * 2 ** 30));
  });

  it('says so when the regions hold no traffic-billed EIP', async () => {
    const { ctx } = await setup({
      account: (a) => ({ ...a, options: { ...a.options, regions: ['sg'] } }),
    });
    const usage = await surfercloudAdapter.fetchUsage(ctx, month);
    expect(usage.meters.map((m) => m.id)).toEqual(['transfer-out:total']);
    expect(usage.samples).toEqual([]);
    expect(usage.notices?.[0]?.message).toMatch(/No traffic-billed EIP in sg/);
  });

  it('discovers distinct regions and the traffic-billed EIPs', async () => {
    const { ctx } = await setup({
      account: (a) => ({ ...a, options: { publicKey: a.options!.publicKey! } }),
    });
    const found = await surfercloudAdapter.discover(ctx);
    expect(found.regions).toEqual([
      { value: 'us-ca', label: 'Los Angeles (us-ca)' },
      { value: 'hk', label: 'Hong Kong (hk)' },
      { value: 'sg', label: 'Singapore (sg)' },
    ]);
    expect(found.eips?.map((c) => c.value)).toEqual(trafficEips(NOW_S).map((e) => e.id));
    expect(found.eips?.[1]).toEqual({
      value: 'eip-usca01',
      label: '152.32.128.11 · web-1 · us-ca',
    });
  });

  it('checks credentials with GetRegion', async () => {
    const { fake, ctx } = await setup();
    expect(await surfercloudAdapter.checkCredentials(ctx)).toEqual({ identity: null });
    expect(fake.calls.map((c) => c.action)).toEqual(['GetRegion']);
  });

  it('asks for regions when none are chosen', async () => {
    const { ctx } = await setup({
      account: (a) => ({ ...a, options: { publicKey: a.options!.publicKey! } }),
    });
    const error = await rejection(surfercloudAdapter.fetchUsage(ctx, month));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(/option "regions" is missing/);
  });
});
