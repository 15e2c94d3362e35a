import { describe, expect, it } from 'vitest';
import { resolveLines } from '../../../src-main/core/quota/lines.ts';
import { startOfDate } from '../../../src-main/core/time/zoned.ts';
import { QuotaSchema } from '../../../src-shared/domain/quota.ts';
import { readRemaining } from '../../../src-main/providers/memset/memset.connection.ts';
import {
  mapBandwidthInfo,
  mapMonthlyUsage,
  mergeParts,
} from '../../../src-main/providers/memset/memset.map.ts';
import { pastMonthsIn } from '../../../src-main/providers/memset/memset.months.ts';
import {
  BandwidthInfoSchema,
  MonthlyUsageSchema,
} from '../../../src-main/providers/memset/memset.schema.ts';

const UK = 'Europe/London';
const at = Date.parse('2026-07-15T12:00:00Z');
const today = Date.parse('2026-07-14T23:00:00Z');

function metered(extra: Record<string, unknown>) {
  return BandwidthInfoSchema.parse({
    server: {
      bytes_in: 100e9,
      bytes_out: 300e9,
      daily_rate: 400e9 / 14.5,
      predicted: (400e9 / 14.5) * 31,
      connection_type: 'metered',
      max_burst: 100,
      inclusive_transfer: 800,
      bandwidth_bank: 200,
      ...extra,
    },
  });
}

describe('Memset remaining, whose unit is not documented', () => {
  it('reads it in the configured GB when quota − used agrees', () => {
    expect(readRemaining(600, 1000, 400e9, 'GB')).toEqual({
      bytes: 600e9,
      unit: 'GB',
      agrees: true,
    });
  });

  it('recognises binary gigabytes when only they agree', () => {
    const used = 400 * 2 ** 30;
    expect(readRemaining(600, 1000, used, 'GB')).toEqual({
      bytes: 600 * 2 ** 30,
      unit: 'GiB',
      agrees: true,
    });
  });

  it('recognises bytes', () => {
    expect(readRemaining(600e9, 1000, 400e9, 'GB')).toEqual({
      bytes: 600e9,
      unit: 'bytes',
      agrees: true,
    });
  });

  it('says so when no reading agrees, and keeps the configured unit', () => {
    expect(readRemaining(12, 1000, 400e9, 'GB')).toEqual({
      bytes: 12e9,
      unit: 'GB',
      agrees: false,
    });
  });
});

describe('mapping bandwidth.info', () => {
  it('notes a remaining that contradicts quota − used, and still uses the stated allowance', () => {
    const parts = mapBandwidthInfo('web1', metered({ remaining: 5 }), at, today, 'GB');
    expect(parts.quotas).toEqual([expect.objectContaining({ limit: 1000e9 })]);
    expect(parts.notices).toEqual([
      expect.objectContaining({
        level: 'info',
        meterId: 'transfer-total:web1:server',
        message: expect.stringContaining('does not match') as string,
      }),
    ]);
  });

  it("suggests binary gigabytes when Memset's figures agree with them", () => {
    const info = metered({ bytes_in: 100 * 2 ** 30, bytes_out: 300 * 2 ** 30, remaining: 600 });
    const parts = mapBandwidthInfo('web1', info, at, today, 'GB');
    expect(parts.notices.map((n) => n.message)).toEqual([
      expect.stringContaining('set the account option gigabyteUnit to "GiB"'),
    ]);
  });

  it('gives no quota when neither inclusive transfer nor bank is stated', () => {
    const info = metered({ inclusive_transfer: null, bandwidth_bank: undefined });
    expect(mapBandwidthInfo('web1', info, at, today, 'GB').quotas).toEqual([]);
  });

  it('accepts ips as one dict keyed by address, and sums an address listed twice', () => {
    const info = metered({
      ips: [
        { '10.0.0.1': { bytes_in: 5, bytes_out: 7 } },
        { '10.0.0.1': { bytes_in: 1, bytes_out: 1 }, '10.0.0.2': { bytes_in: 2, bytes_out: 3 } },
      ],
    });
    const listed = mapBandwidthInfo('web1', info, at, today, 'GB').samples;
    expect(listed.filter((s) => s.meterId.startsWith('transfer-ip:'))).toEqual([
      { meterId: 'transfer-ip:web1:server:10.0.0.1', at: today, value: 14 },
      { meterId: 'transfer-ip:web1:server:10.0.0.2', at: today, value: 5 },
    ]);
    const dict = metered({ ips: { '10.0.0.9': { bytes_in: '4', bytes_out: 6 } } });
    expect(
      mapBandwidthInfo('web1', dict, at, today, 'GB').samples.find((s) =>
        s.meterId.endsWith('10.0.0.9'),
      )?.value,
    ).toBe(10);
  });

  it('marks per-IP lines as a breakdown of the service total, outside service-scoped pools', () => {
    const info = metered({ ips: [{ '10.0.0.1': { bytes_in: 5, bytes_out: 7 } }] });
    const { meters } = mapBandwidthInfo('web1', info, at, today, 'GB');
    const ip = meters.find((m) => m.id === 'transfer-ip:web1:server:10.0.0.1')!;
    expect(ip.kind).toBe('transfer-total');
    expect(ip.scope.level).toBe('resource');
    expect(ip.breakdownOf).toBe('transfer-total:web1:server');
    expect(meters.some((m) => m.id === ip.breakdownOf)).toBe(true);

    // The pool docs/providers/memset.md recommends counts each byte once: service totals only.
    const quota = QuotaSchema.parse({
      id: 'all-traffic',
      match: { kind: 'transfer-total', scopeLevel: 'service' },
      combine: 'pool',
      limit: { amount: 5, unit: 'TB' },
    });
    const { lines } = resolveLines(meters, { quotas: [quota] }, [], {
      defaultQuotas: [],
      billingTimeZone: UK,
    });
    const pool = lines.find((l) => l.quotaId === 'all-traffic')!;
    expect(pool.members.map((m) => m.id)).toEqual(['transfer-total:web1:server']);
  });

  it('says so when a service reports no service type at all', () => {
    const parts = mapBandwidthInfo('dns1', {}, at, today, 'GB');
    expect(parts.meters).toEqual([]);
    expect(parts.notices[0]!.message).toContain('no bandwidth figures for "dns1"');
    expect(parts.isServer).toBe(false);
  });

  it('tells servers from other services by their server-only keys', () => {
    expect(mapBandwidthInfo('web1', metered({}), at, today, 'GB').isServer).toBe(true);
    const storage = BandwidthInfoSchema.parse({
      memstore: { bytes_in: 1, bytes_out: 2, daily_rate: 0.2, predicted: 6 },
    });
    expect(mapBandwidthInfo('ms1', storage, at, today, 'GB').isServer).toBe(false);
  });
});

describe('mapping bandwidth.monthly_usage', () => {
  it('puts each wanted month total at the first instant of the next UK month', () => {
    const answer = MonthlyUsageSchema.parse({
      server: [
        { date: '2025-12', bytes_in: 10, bytes_out: 20 },
        { date: '2026-01-01', bytes_in: 1, bytes_out: 2 },
        { date: '2026-03', bytes_in: 7, bytes_out: 8 },
      ],
    });
    const parts = mapMonthlyUsage('web1', answer, new Set(['2025-12', '2026-01']));
    const totals = parts.samples.filter((s) => s.meterId === 'transfer-total:web1:server');
    expect(totals).toEqual([
      { meterId: 'transfer-total:web1:server', at: startOfDate(2026, 1, 1, UK), value: 30 },
      { meterId: 'transfer-total:web1:server', at: startOfDate(2026, 2, 1, UK), value: 3 },
    ]);
  });

  it('refuses a month it cannot read, naming the field', () => {
    const result = MonthlyUsageSchema.safeParse({
      server: [{ date: 'Dec 2025', bytes_in: 1, bytes_out: 2 }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['server', 0, 'date']);
  });

  it('keeps the richer definition of a meter seen in history and this month', () => {
    const history = mapMonthlyUsage(
      'web1',
      MonthlyUsageSchema.parse({ server: [{ date: '2026-06', bytes_in: 1, bytes_out: 1 }] }),
      new Set(['2026-06']),
    );
    const current = mapBandwidthInfo('web1', metered({}), at, today, 'GB');
    const merged = mergeParts([history, current]);
    const total = merged.meters.find((m) => m.id === 'transfer-total:web1:server');
    expect(total?.details).toMatchObject({ connectionType: 'metered' });
    expect(merged.meters.filter((m) => m.id === 'transfer-total:web1:server')).toHaveLength(1);
  });
});

describe('splitting a range into monthly_usage years', () => {
  it('groups the months overlapping the range by year', () => {
    const start = Date.parse('2024-11-15T00:00:00Z');
    const end = startOfDate(2025, 3, 1, UK);
    expect(pastMonthsIn(start, end, UK).map((y) => [y.year, [...y.months]])).toEqual([
      [2024, ['2024-11', '2024-12']],
      [2025, ['2025-01', '2025-02']],
    ]);
  });

  it('starts no earlier than 2000, the first year the API accepts', () => {
    const windows = pastMonthsIn(
      Date.parse('1999-06-01T00:00:00Z'),
      startOfDate(2000, 3, 1, UK),
      UK,
    );
    expect(windows.map((y) => [y.year, [...y.months]])).toEqual([[2000, ['2000-01', '2000-02']]]);
  });

  it('is empty for an empty range', () => {
    expect(pastMonthsIn(10, 10, UK)).toEqual([]);
  });
});
