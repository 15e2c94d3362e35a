import { describe, expect, it } from 'vitest';
import type { UsageFacts } from '../../../src-main/core/alerts/alert-schema.ts';
import { alertText } from '../../../src-main/core/alerts/messages.ts';
import { at, GB } from '../fixtures.ts';

const facts: UsageFacts = {
  meterLabel: 'jp-east',
  unit: 'bytes',
  limitUnit: 'GB',
  used: 3301 * GB,
  limit: 3240 * GB,
  percentUsed: (3301 / 3240) * 100,
  periodEnd: at('2024-11-30T15:00:00Z'), // 1 December JST
  periodTimeZone: 'Asia/Tokyo',
  projectedPercent: null,
  runsOutAt: null,
};

describe('alert texts', () => {
  it('says a quota is reached with both amounts in the quota unit', () => {
    const text = alertText(
      'IDCF',
      { ...facts, kind: 'threshold', threshold: 'reached', thresholdPercent: 100 },
      { units: 'si' },
    );
    expect(text).toEqual({
      title: 'IDCF jp-east: quota reached',
      body: '3,301 GB of 3,240 GB used (101 %); the period ends Nov 30.',
    });
  });

  it('never rounds up to "100 %" before the quota is really reached', () => {
    const almost = { ...facts, used: 3230 * GB, percentUsed: (3230 / 3240) * 100 };
    const text = alertText(
      'IDCF',
      { ...almost, kind: 'threshold', threshold: 'critical', thresholdPercent: 95 },
      { units: 'si' },
    );
    expect(text.title).toBe('IDCF jp-east: 99 % of quota used');
    expect(text.body).toBe('99 % of 3,240 GB used (3,230 GB); the period ends Nov 30.');
  });

  it('writes money as money and a projection with the day it runs out', () => {
    const budget: UsageFacts = {
      ...facts,
      meterLabel: 'cost',
      unit: 'EUR',
      limitUnit: 'EUR',
      used: 21,
      limit: 40,
      percentUsed: 52.5,
      periodEnd: at('2024-11-30T23:00:00Z'), // 1 December in Rome
      periodTimeZone: 'Europe/Rome',
      projectedPercent: { low: 101.2, high: 118.9 },
      runsOutAt: at('2024-11-26T10:00:00Z'),
    };
    expect(alertText('Seeweb', { ...budget, kind: 'forecast' }, { units: 'si' })).toEqual({
      title: 'Seeweb cost: projected over quota',
      body: '52 % of €40.00 used, projected 101–119 % by Nov 30; at the faster pace it runs out on Nov 26.',
    });
  });

  it("uses the user's unit system when the quota has no unit of its own", () => {
    const provider = {
      ...facts,
      limitUnit: null,
      used: 2 ** 40,
      limit: 2 * 2 ** 40,
      percentUsed: 50,
    };
    const text = alertText(
      'Memset',
      { ...provider, kind: 'threshold', threshold: 'warning', thresholdPercent: 50 },
      { units: 'iec' },
    );
    expect(text.body).toBe('50 % of 2 TiB used (1 TiB); the period ends Nov 30.');
  });

  it('says when a permission, not the key itself, is the problem', () => {
    const text = alertText(
      'Memset',
      {
        kind: 'credentials',
        errorKind: 'permission',
        message: 'The key lacks the bandwidth.info scope',
      },
      { units: 'si' },
    );
    expect(text.title).toBe('Memset: the key lacks a permission');
    expect(text.body).toBe(
      "The key lacks the bandwidth.info scope. Update the credentials in the account's settings.",
    );
  });
});
