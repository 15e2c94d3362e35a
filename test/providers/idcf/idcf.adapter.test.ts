import { describe, expect, it } from 'vitest';
import { ProviderUsageSchema, type ProviderUsage } from '../../../src-shared/domain/usage.ts';
import { idcfAdapter } from '../../../src-main/providers/idcf/idcf.adapter.ts';
import {
  IDCF_EAST3_UNTIL_MONTH_AGO,
  IDCF_FAKE_ACCOUNT_ID,
  IDCF_FIRST_MONTH_AGO,
  IDCF_GAP_MONTH_AGO,
  idcfFixtureRows,
} from '../../fakes/idcf/idcf.fixture.ts';
import type { StartProviderFake } from '../../fakes/provider-fake.ts';
import { startIdcfFake } from '../../fakes/idcf/idcf.fake.ts';
import { NOW, idcfSetup, jstRange } from './idcf-setup.ts';

/** Bytes of a region's transfer in a fixture bill, summed here independently of the adapter. */
function fixtureTransfer(monthsAgo: number, region: string, dir?: 'in' | 'out'): number {
  const gb = idcfFixtureRows(monthsAgo)
    .filter((r) => r.Category === 'Internet Data Transfer' && r.Region === region)
    .filter((r) => dir === undefined || r.Menu.endsWith(`[${dir}]`))
    .reduce((sum, r) => sum + Number(r.Usage), 0);
  return gb * 1e9;
}

/** JPY including tax: every row's Net, split into coupons (negative) and the rest. */
function fixtureCost(monthsAgo: number) {
  const nets = idcfFixtureRows(monthsAgo).map((r) => Number(r.Net));
  const gross = nets.filter((n) => n > 0).reduce((a, b) => a + b, 0);
  const coupons = nets.filter((n) => n < 0).reduce((a, b) => a + b, 0);
  return { gross, coupons, net: gross + coupons };
}

const valueOf = (usage: ProviderUsage, meterId: string, at?: number) =>
  usage.samples.filter((s) => s.meterId === meterId && (at === undefined || s.at === at));

/** Midnight JST that starts this calendar date. */
const jst = (date: string) => Date.parse(`${date}T00:00:00+09:00`);

/** Where a closed month's reading sits: the end of the JST month `ago` months before NOW's. */
const monthEndJst = (ago: number) => Date.UTC(2026, 10 - ago + 1, 1) - 9 * 3_600_000;

describe('IDCF adapter against its fake', () => {
  it('reads this month per region (in + out over all zones) and the bill in JPY', async () => {
    const { ctx, adapter, fake } = await idcfSetup();
    const usage = ProviderUsageSchema.parse(
      await adapter.fetchUsage(ctx, jstRange('2026-11-01T00:00:00+09:00', ctx.clock.now())),
    );
    expect(fake.server.requests.map((r) => `${r.path}?${r.rawQuery}`)).toEqual([
      '/api/v1/billings/2026-11?format=json',
    ]);
    expect(usage.meters.map((m) => m.id)).toEqual([
      'transfer-total:jp-east',
      'transfer-in:jp-east',
      'transfer-out:jp-east',
      'transfer-total:jp-east-2',
      'transfer-in:jp-east-2',
      'transfer-out:jp-east-2',
      'transfer-total:jp-west',
      'transfer-in:jp-west',
      'transfer-out:jp-west',
      'cost:net',
      'cost:gross',
    ]);
    // The figures run to the end of 20 November JST (billing_period_end_at, a day behind).
    const asOf = jst('2026-11-21');
    expect(usage.dataAsOf).toBe(asOf);
    expect(new Set(usage.samples.map((s) => s.at))).toEqual(new Set([asOf]));
    // pascal 120.5 + 30.25 and newton 310.75 + 51.25 GB (decimal GB).
    expect(valueOf(usage, 'transfer-total:jp-east')[0]!.value).toBe(512_750_000_000);
    for (const region of ['jp-east', 'jp-east-2', 'jp-west']) {
      expect(valueOf(usage, `transfer-total:${region}`)[0]!.value).toBe(fixtureTransfer(0, region));
      expect(valueOf(usage, `transfer-in:${region}`)[0]!.value).toBe(
        fixtureTransfer(0, region, 'in'),
      );
      expect(valueOf(usage, `transfer-out:${region}`)[0]!.value).toBe(
        fixtureTransfer(0, region, 'out'),
      );
    }
    const cost = fixtureCost(0);
    expect(cost).toEqual({ gross: 3274, coupons: -3006, net: 268 });
    expect(valueOf(usage, 'cost:net')[0]!.value).toBe(cost.net);
    expect(valueOf(usage, 'cost:gross')[0]!.value).toBe(cost.gross);
  });

  it('describes its meters: cumulative month-to-date in Asia/Tokyo, regions as scopes, coupons shown', async () => {
    const { ctx, adapter } = await idcfSetup();
    const usage = ProviderUsageSchema.parse(
      await adapter.fetchUsage(ctx, jstRange('2026-11-01T00:00:00+09:00', ctx.clock.now())),
    );
    for (const meter of usage.meters) {
      expect(meter.series).toBe('cumulative');
      expect(meter.timeZone).toBe('Asia/Tokyo');
    }
    const total = usage.meters.find((m) => m.id === 'transfer-total:jp-east')!;
    expect(total).toMatchObject({
      kind: 'transfer-total',
      unit: 'bytes',
      scope: { level: 'region', id: 'jp-east', label: 'East Japan (jp-east)' },
      details: { zones: 'newton, pascal' },
    });
    const net = usage.meters.find((m) => m.id === 'cost:net')!;
    expect(net).toMatchObject({ kind: 'cost', unit: 'JPY', details: { coupons: -3006 } });
    expect(usage.notices).toEqual([
      {
        level: 'info',
        meterId: 'cost:net',
        message: 'Coupons took ¥3,006 off the 2026-11 bill so far.',
      },
    ]);
  });

  it('watches only the chosen regions, and reads 0 for a chosen region without transfer', async () => {
    const { ctx, adapter } = await idcfSetup({ regions: ['jp-west', 'jp-east-3'] });
    const usage = await adapter.fetchUsage(
      ctx,
      jstRange('2026-11-01T00:00:00+09:00', ctx.clock.now()),
    );
    expect(usage.meters.filter((m) => m.kind === 'transfer-total').map((m) => m.id)).toEqual([
      'transfer-total:jp-east-3',
      'transfer-total:jp-west',
    ]);
    const parsed = ProviderUsageSchema.parse(usage);
    expect(valueOf(parsed, 'transfer-total:jp-west')[0]!.value).toBe(100_000_000_000);
    expect(valueOf(parsed, 'transfer-total:jp-east-3')[0]!.value).toBe(0);
  });

  it('checks credentials with the history call and names the IDCF account', async () => {
    const { ctx, adapter, fake } = await idcfSetup();
    expect(await adapter.checkCredentials(ctx)).toEqual({ identity: IDCF_FAKE_ACCOUNT_ID });
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/api/v1/billings/history']);
  });

  it('discovers the regions on the bill, without the transfer-less "global"', async () => {
    const { ctx, adapter } = await idcfSetup();
    expect(await adapter.discover(ctx)).toEqual({
      regions: [
        { value: 'jp-east', label: 'East Japan (jp-east)' },
        { value: 'jp-east-2', label: 'East Japan 2 (jp-east-2)' },
        { value: 'jp-west', label: 'West Japan (jp-west)' },
      ],
    });
  });

  it('backfills a year from the history list, skipping a month IDCF has no record for', async () => {
    const { ctx, adapter, fake } = await idcfSetup();
    const usage = ProviderUsageSchema.parse(
      await adapter.fetchUsage(ctx, jstRange('2025-11-01T00:00:00+09:00', ctx.clock.now())),
    );
    const asked = fake.server.requests.map((r) => r.path.replace('/api/v1/billings/', ''));
    expect(asked[0]).toBe('history');
    expect(asked.slice(1).sort()).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // One reading per bill: 12 closed months minus the gap, plus this month.
    const readings = new Set(usage.samples.map((s) => s.at));
    expect(readings.size).toBe(IDCF_FIRST_MONTH_AGO - 1 + 1);
    expect(readings).not.toContain(monthEndJst(IDCF_GAP_MONTH_AGO));
    for (let ago = 1; ago <= IDCF_FIRST_MONTH_AGO; ago++) {
      if (ago === IDCF_GAP_MONTH_AGO) continue;
      const end = monthEndJst(ago);
      expect(valueOf(usage, 'transfer-total:jp-east', end)[0]?.value).toBe(
        fixtureTransfer(ago, 'jp-east'),
      );
      expect(valueOf(usage, 'transfer-out:jp-east-2', end)[0]?.value).toBe(
        fixtureTransfer(ago, 'jp-east-2', 'out'),
      );
      expect(valueOf(usage, 'transfer-total:jp-east-3', end)[0]?.value).toBe(
        fixtureTransfer(ago, 'jp-east-3'),
      );
      expect(valueOf(usage, 'cost:gross', end)[0]?.value).toBe(fixtureCost(ago).gross);
    }
    // jp-east-3 appears because older bills carry it; it reads 0 in the later ones.
    expect(fixtureTransfer(IDCF_EAST3_UNTIL_MONTH_AGO, 'jp-east-3')).toBeGreaterThan(0);
    expect(valueOf(usage, 'transfer-total:jp-east-3', jst('2026-11-21'))[0]?.value).toBe(0);
    expect(usage.dataAsOf).toBe(jst('2026-11-21'));
  });

  it('never asks for a future month or one before the history, however long the range', async () => {
    const { ctx, adapter, fake } = await idcfSetup();
    await adapter.fetchUsage(ctx, jstRange('2019-01-01T00:00:00+09:00', Date.parse('2028-01-01')));
    const months = fake.server.requests.map((r) => r.path.replace('/api/v1/billings/', ''));
    expect(months).toContain('2026-11');
    expect(
      months.filter((m) => m !== 'history').every((m) => m >= '2025-11' && m <= '2026-11'),
    ).toBe(true);
    expect(months).toHaveLength(1 + IDCF_FIRST_MONTH_AGO + 1);

    const before = fake.server.requests.length;
    const future = await adapter.fetchUsage(
      ctx,
      jstRange('2027-01-01T00:00:00+09:00', Date.parse('2027-03-01')),
    );
    expect(future).toEqual({ meters: [], samples: [] });
    expect(fake.server.requests.length).toBe(before);
  });

  it('fetches backfill months concurrently, never more at once than maxConcurrency', async () => {
    const { ctx, adapter, fake } = await idcfSetup({ fake: { holdMs: 40 } });
    await adapter.fetchUsage(ctx, jstRange('2025-11-01T00:00:00+09:00', ctx.clock.now()));
    expect(fake.peakConcurrency).toBe(idcfAdapter.descriptor.maxConcurrency);
  });

  it('on the 1st of a month, before IDCF has a bill for it, shows last month and says so', async () => {
    // 12:00 JST on 1 December: the fake has no December bill yet.
    const { ctx, adapter, fake } = await idcfSetup({ now: '2026-12-01T03:00:00Z' });
    const usage = ProviderUsageSchema.parse(
      await adapter.fetchUsage(ctx, jstRange('2026-12-01T00:00:00+09:00', ctx.clock.now())),
    );
    expect(fake.server.requests.map((r) => r.path)).toEqual([
      '/api/v1/billings/2026-12',
      '/api/v1/billings/2026-11',
    ]);
    expect(usage.notices[0]).toEqual({
      level: 'info',
      message: 'IDCF has no bill for 2026-12 yet (its figures run about a day behind).',
    });
    expect(usage.dataAsOf).toBeUndefined();
    expect(valueOf(usage, 'transfer-total:jp-east')).toEqual([
      {
        meterId: 'transfer-total:jp-east',
        at: jst('2026-12-01'),
        value: fixtureTransfer(1, 'jp-east'),
        dataAsOf: jst('2026-12-01'),
      },
    ]);
  });

  it('offers a fake that the shared fake registry can start', async () => {
    const start: StartProviderFake = startIdcfFake;
    const fake = await start({ now: () => Date.parse(NOW) });
    try {
      expect(fake.secretFields).toEqual(['apiKey', 'secretKey']);
      expect(fake.account('x').baseUrl).toBe(fake.server.baseUrl);
      expect(fake.credentials.apiKey).toMatch(/^[\w-]{86}$/);
      expect(fake.credentials.secretKey).toMatch(/^[\w-]{86}$/);
    } finally {
      await fake.close();
    }
  });
});
