import { describe, expect, it } from 'vitest';
import {
  percentText,
  spanText,
  trayTitleText,
  trayTooltipText,
} from '../../../src-main/core/tray/tray-text-en.ts';
import { traySummary } from '../../../src-main/core/tray/tray-summary.ts';
import { trayView } from '../../../src-main/core/tray/tray-view.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { account, accountAt, meterAt, NOW } from './snapshots.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const tooltip = (snapshots: AccountSnapshot[], maxChars?: number) =>
  trayTooltipText(traySummary(snapshots), NOW, { maxChars });

describe('the macOS title', () => {
  it('shows the worst percent floored, so 99.7 % does not read as full', () => {
    expect(
      trayTitleText({ kind: 'usage', percent: 85.9, tone: 'warning', attention: 'none' }),
    ).toBe('85%');
    expect(percentText(99.7)).toBe('99%');
    expect(percentText(104.2)).toBe('104%');
    expect(percentText(12_345)).toBe('>999%');
  });

  it('is empty when there is no number to show', () => {
    expect(trayTitleText({ kind: 'no-accounts' })).toBe('');
    expect(trayTitleText({ kind: 'pending' })).toBe('');
    expect(
      trayTitleText({ kind: 'usage', percent: null, tone: 'normal', attention: 'error' }),
    ).toBe('');
  });
});

describe('the tooltip', () => {
  it('lists the accounts closest to their quotas with percent, what is left, reset and data age', () => {
    const snapshots = [
      accountAt('london', 40.6, { label: 'London CDN', dataAsOf: NOW - 3 * HOUR }),
      account('tokyo', {
        label: 'Tokyo VPS',
        meters: [meterAt('Storage', { percent: 20 }), meterAt('jp-east transfer', { percent: 85 })],
      }),
    ];
    expect(tooltip(snapshots)).toBe(
      [
        'Tokyo VPS: 85% of jp-east transfer',
        '  150 GB left · resets in 10 days · data as of 12 min ago',
        'London CDN: 40% of Transfer',
        '  594 GB left · resets in 10 days · data as of 3 h ago',
      ].join('\n'),
    );
  });

  it('says how far over an exceeded quota is, in the meter’s own unit', () => {
    const budget = account('cloud', {
      label: 'Cloud',
      meters: [meterAt('Cost', { percent: 110, limit: 200, unit: 'EUR' })],
    });
    expect(tooltip([budget])).toContain('Cloud: 110% of Cost\n  €20.00 over ·');
  });

  it('names failing accounts with their problem, even beyond the top three', () => {
    const snapshots = [
      accountAt('a', 90, { label: 'A' }),
      accountAt('b', 80, { label: 'B' }),
      accountAt('c', 70, { label: 'C' }),
      accountAt('d', 60, { label: 'D' }),
      account('e', {
        label: 'E',
        status: { state: 'error', kind: 'auth', message: 'signature rejected', retryAt: null },
        dataAsOf: null,
      }),
      account('f', { label: 'F', status: { state: 'needs-credentials', missing: ['apiKey'] } }),
    ];
    const text = tooltip(snapshots);
    expect(text.split('\n').filter((line) => !line.startsWith(' '))).toEqual([
      'A: 90% of Transfer',
      'B: 80% of Transfer',
      'C: 70% of Transfer',
      'E: error (auth): signature rejected',
      'F: needs credentials: apiKey',
      '+1 more account',
    ]);
  });

  it('adds the problem under the numbers of a stale account', () => {
    const stale = accountAt('old', 30, {
      label: 'Old',
      status: { state: 'stale', since: NOW - 8 * HOUR, message: 'reads keep timing out' },
      dataAsOf: NOW - 8 * HOUR,
    });
    expect(tooltip([stale])).toBe(
      [
        'Old: 30% of Transfer',
        '  700 GB left · resets in 10 days · data as of 8 h ago',
        '  stale: reads keep timing out',
      ].join('\n'),
    );
  });

  it('names a provider warning under the numbers of an account that reads fine', () => {
    const arrears = accountAt('m', 30, {
      label: 'Memset',
      notices: [{ level: 'warning', message: 'web1 is in arrears: pay to keep it connected' }],
    });
    expect(tooltip([arrears])).toBe(
      [
        'Memset: 30% of Transfer',
        '  700 GB left · resets in 10 days · data as of 12 min ago',
        '  web1 is in arrears: pay to keep it connected',
      ].join('\n'),
    );
  });

  it('explains accounts that have no number yet', () => {
    const snapshots = [
      account('p', { label: 'P', status: { state: 'pending' }, dataAsOf: null }),
      account('q', { label: 'Q', meters: [meterAt('Transfer', { percent: null })] }),
    ];
    expect(tooltip(snapshots)).toBe('P: reading…\nQ: no quota set');
    expect(tooltip([])).toBe('Cloudmeter: no accounts to watch yet');
  });

  it('fits Windows’ 127 characters with one short line per account, then by dropping accounts', () => {
    const snapshots = [
      ...['Tokyo VPS', 'Osaka VPS', 'London CDN', 'Paris CDN', 'Milan cloud'].map((label, i) =>
        accountAt(`a${i}`, 90 - i * 10, { label }),
      ),
      account('broken', {
        label: 'Broken',
        status: { state: 'error', kind: 'network', message: 'connection refused', retryAt: null },
      }),
    ];
    const short = tooltip(snapshots.slice(0, 3), 127);
    expect(short).toBe('Tokyo VPS 90%\nOsaka VPS 80%\nLondon CDN 70%');
    const tight = tooltip(snapshots, 50);
    expect(tight.length).toBeLessThanOrEqual(50);
    // The worst account and the failing one (it explains the badge) are kept first.
    expect(tight).toBe('Tokyo VPS 90%\nBroken error\n+4 more accounts');
    expect(tooltip(snapshots, 127)).toBe(
      'Tokyo VPS 90%\nOsaka VPS 80%\nLondon CDN 70%\nBroken error\n+2 more accounts',
    );
  });

  it('cuts a single line that cannot fit rather than exceed the limit', () => {
    const text = tooltip([accountAt('x', 50, { label: 'A very long account name indeed' })], 12);
    expect(text).toBe('A very long…');
  });
});

describe('durations', () => {
  it.each([
    [20_000, 'less than a minute'],
    [12 * MINUTE, '12 min'],
    [59 * MINUTE + 50_000, '1 h'],
    [47 * HOUR, '47 h'],
    [10.4 * 24 * HOUR, '10 days'],
  ])('writes %d ms as "%s"', (ms, text) => {
    expect(spanText(ms)).toBe(text);
  });

  it('never promises a reset in the past', () => {
    const ended = accountAt('x', 50, { label: 'X' });
    expect(trayTooltipText(traySummary([ended]), Date.parse('2024-08-02T00:00:00Z'))).toContain(
      'resets now',
    );
  });
});

describe('the tray view', () => {
  it('derives icon, title and tooltip from the same snapshots', () => {
    const view = trayView([accountAt('a', 97.4, { label: 'A' })], NOW, { maxChars: 127 });
    expect(view.icon).toEqual({
      kind: 'usage',
      percent: 97.4,
      tone: 'critical',
      attention: 'none',
    });
    expect(view.title).toBe('97%');
    expect(view.tooltip).toBe(
      'A: 97% of Transfer\n  26 GB left · resets in 10 days · data as of 12 min ago',
    );
    expect(view.summary.accounts.map((a) => a.worst?.level)).toEqual(['critical']);
  });
});
