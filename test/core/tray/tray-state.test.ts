import { describe, expect, it } from 'vitest';
import { quotaReadings, worstReading } from '../../../src-main/core/tray/readings.ts';
import { trayIconState } from '../../../src-main/core/tray/tray-state.ts';
import { account, accountAt, meterAt } from './snapshots.ts';

const usage = (percent: number | null, tone: string, attention = 'none') => ({
  kind: 'usage',
  percent,
  tone,
  attention,
});

describe('the worst account', () => {
  it('is the meter with the highest percent used across accounts, ignoring meters without a quota', () => {
    const snapshots = [
      account('tokyo', {
        meters: [
          meterAt('Transfer jp-east', { percent: 40 }),
          meterAt('Storage', { percent: null }),
        ],
      }),
      account('london', {
        meters: [meterAt('Transfer', { percent: 72.5 }), meterAt('Cost', { percent: 10 })],
      }),
    ];
    const worst = worstReading(snapshots);
    expect(worst?.snapshot.accountId).toBe('london');
    expect(worst?.usage.meter.label).toBe('Transfer');
    expect(quotaReadings(snapshots).map((r) => r.percentUsed)).toEqual([72.5, 40, 10]);
  });

  it('leaves disabled accounts out, however full they are', () => {
    const snapshots = [
      accountAt('off', 99, { status: { state: 'disabled' } }),
      accountAt('on', 30),
    ];
    expect(worstReading(snapshots)?.snapshot.accountId).toBe('on');
    expect(trayIconState(snapshots)).toEqual(usage(30, 'normal'));
  });

  it('still counts the last known meters of a stale or failing account', () => {
    const snapshots = [
      accountAt('fresh', 20),
      accountAt('failing', 88, {
        status: { state: 'error', kind: 'network', message: 'connection reset', retryAt: null },
      }),
    ];
    expect(worstReading(snapshots)?.snapshot.accountId).toBe('failing');
  });

  it('breaks ties by name, so the order snapshots arrive in does not matter', () => {
    const a = accountAt('beta', 50);
    const b = accountAt('alpha', 50);
    expect(worstReading([a, b])?.snapshot.accountId).toBe('alpha');
    expect(worstReading([b, a])?.snapshot.accountId).toBe('alpha');
  });
});

describe('the tray icon state', () => {
  it('says "no accounts" when nothing is configured or everything is disabled', () => {
    expect(trayIconState([])).toEqual({ kind: 'no-accounts' });
    expect(trayIconState([account('off', { status: { state: 'disabled' } })])).toEqual({
      kind: 'no-accounts',
    });
  });

  it('says "pending" until the first read of any account has finished', () => {
    const pending = { status: { state: 'pending' } as const, dataAsOf: null };
    expect(trayIconState([account('a', pending), account('b', pending)])).toEqual({
      kind: 'pending',
    });
    expect(trayIconState([account('a', pending), accountAt('b', 12)])).toEqual(usage(12, 'normal'));
  });

  it.each([
    [0, 'normal'],
    [50, 'normal'],
    [85, 'warning'],
    [97, 'critical'],
    [104, 'critical'],
  ])('colours %d %% used (default thresholds) as %s', (percent, tone) => {
    expect(trayIconState([accountAt('a', percent)])).toEqual(usage(percent, tone));
  });

  it('takes the colour from the most severe level, so stricter thresholds are not hidden', () => {
    const strict = account('strict', {
      meters: [
        meterAt('Budget', { percent: 55, thresholds: { warningPercent: 50, criticalPercent: 90 } }),
      ],
    });
    expect(trayIconState([accountAt('relaxed', 70), strict])).toEqual(usage(70, 'warning'));
  });

  it('turns amber for a provider warning (a connection in arrears), but not for information', () => {
    const arrears = { level: 'warning' as const, message: 'The connection is in arrears' };
    const info = { level: 'info' as const, message: 'Coupons took ¥100 off' };
    expect(trayIconState([accountAt('m', 10, { notices: [arrears] })])).toEqual(
      usage(10, 'warning'),
    );
    expect(trayIconState([accountAt('m', 10, { notices: [info] })])).toEqual(usage(10, 'normal'));
    expect(trayIconState([accountAt('m', 97, { notices: [arrears] })])).toEqual(
      usage(97, 'critical'),
    );
  });

  it('shows an error even when no quota is near, including missing credentials', () => {
    const failing = account('failing', {
      status: { state: 'error', kind: 'auth', message: 'key rejected', retryAt: null },
      dataAsOf: null,
    });
    const locked = account('locked', {
      status: { state: 'needs-credentials', missing: ['apiKey'] },
      dataAsOf: null,
    });
    expect(trayIconState([accountAt('ok', 10), failing])).toEqual(usage(10, 'normal', 'error'));
    expect(trayIconState([accountAt('ok', 10), locked])).toEqual(usage(10, 'normal', 'error'));
    expect(trayIconState([failing])).toEqual(usage(null, 'normal', 'error'));
  });

  it('shows stale data, and lets an error outrank it', () => {
    const stale = accountAt('old', 30, {
      status: { state: 'stale', since: Date.parse('2024-07-21T02:00:00Z'), message: '' },
    });
    const failing = account('failing', {
      status: { state: 'error', kind: 'server', message: '503', retryAt: null },
    });
    expect(trayIconState([stale])).toEqual(usage(30, 'normal', 'stale'));
    expect(trayIconState([stale, failing])).toEqual(usage(30, 'normal', 'error'));
  });

  it('has no percent when accounts are read but none has a quota', () => {
    const noQuota = account('plain', { meters: [meterAt('Transfer', { percent: null })] });
    expect(trayIconState([noQuota])).toEqual(usage(null, 'normal'));
  });
});
