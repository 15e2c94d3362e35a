import { describe, expect, it } from 'vitest';
import type { Eip } from '../../../src-main/providers/surfercloud/surfercloud.api.ts';
import {
  billingWindows,
  usageFromBilling,
} from '../../../src-main/providers/surfercloud/surfercloud.map.ts';

const eip: Eip = {
  id: 'eip-a',
  region: 'us-ca',
  name: 'EIP',
  payMode: 'Traffic',
  createdAt: 0,
  address: '203.0.113.7',
  listed: true,
};
const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const stat = (startS: number, gb: number, state?: string) => ({
  StartTime: startS,
  EndTime: startS + 86_400,
  QuantityOut: gb,
  ...(state === undefined ? {} : { BillingState: state }),
});

describe('SurferCloud mapping', () => {
  it('keeps the instants of the epochs the API sends, even if its days start at UTC midnight', () => {
    const days = [stat(utcDay('2026-11-01'), 2, 'Yes'), stat(utcDay('2026-11-02'), 5, 'Yes')];
    const usage = usageFromBilling(
      [{ eip, stats: days }],
      { start: Date.parse('2026-10-31T16:00:00Z'), end: Date.parse('2026-11-03T00:00:00Z') },
      'GB',
    );
    expect(usage.samples).toEqual([
      { meterId: 'transfer-out:eip-a', at: Date.parse('2026-11-01T00:00:00Z'), value: 2e9 },
      { meterId: 'transfer-out:eip-a', at: Date.parse('2026-11-02T00:00:00Z'), value: 5e9 },
      { meterId: 'transfer-out:total', at: Date.parse('2026-11-01T00:00:00Z'), value: 2e9 },
      { meterId: 'transfer-out:total', at: Date.parse('2026-11-02T00:00:00Z'), value: 5e9 },
    ]);
    expect(usage.meters[0]!.label).toBe('203.0.113.7 outbound');
    expect(usage.dataAsOf).toBe(Date.parse('2026-11-03T00:00:00Z'));
    expect(usage.notices).toEqual([]);
  });

  it('counts a day answered by two windows once, and drops days outside the range', () => {
    const day = utcDay('2026-11-02');
    const usage = usageFromBilling(
      [
        {
          eip,
          stats: [stat(utcDay('2026-10-20'), 9, 'Yes'), stat(day, 3, 'Yes'), stat(day, 4, 'Yes')],
        },
      ],
      { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-11-05T00:00:00Z') },
      'GB',
    );
    expect(usage.samples.filter((s) => s.meterId === 'transfer-out:eip-a')).toEqual([
      { meterId: 'transfer-out:eip-a', at: day * 1000, value: 4e9 },
    ]);
  });

  it('names days not billed yet, whatever the case of BillingState, and stops dataAsOf there', () => {
    const usage = usageFromBilling(
      [
        {
          eip,
          stats: [
            stat(utcDay('2026-11-01'), 1, 'yes'),
            stat(utcDay('2026-11-02'), 1, 'NO'),
            stat(utcDay('2026-11-03'), 1, 'No'),
          ],
        },
      ],
      { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-11-04T00:00:00Z') },
      'GB',
    );
    expect(usage.notices[0]!.message).toBe(
      'Not billed yet by SurferCloud (BillingState "No"), may still change: 2026-11-02, 2026-11-03',
    );
    expect(usage.meters[0]!.details).toMatchObject({ notBilledDays: 2 });
    expect(usage.dataAsOf).toBe(Date.parse('2026-11-02T00:00:00Z'));
  });

  it('starts every window after the first at midnight UTC+8, each at most 365 days', () => {
    // An EIP created at 13:45 UTC+8, read over two years and a bit.
    const created = Date.parse('2024-03-05T13:45:00+08:00');
    const windows = billingWindows(
      { start: 0, end: Date.parse('2026-05-01T00:00:00+08:00') },
      created,
    );
    expect(
      windows.map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()]),
    ).toEqual([
      ['2024-03-05T05:45:00.000Z', '2025-03-04T16:00:00.000Z'],
      ['2025-03-04T16:00:00.000Z', '2026-03-04T16:00:00.000Z'],
      ['2026-03-04T16:00:00.000Z', '2026-04-30T16:00:00.000Z'],
    ]);
    for (const w of windows) expect(w.end - w.start).toBeLessThanOrEqual(365 * 86_400_000);
  });
});
