import { describe, expect, it } from 'vitest';
import { trayMenuModel, type MenuEntry } from '../../../src-main/core/tray/menu-model.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';

const NOW = Date.parse('2026-11-21T12:00:00Z');

function snapshot(
  id: string,
  status: AccountSnapshot['status'],
  percent: number | null,
): AccountSnapshot {
  return {
    accountId: id,
    provider: 'idcf',
    label: `Account ${id}`,
    demo: false,
    status,
    fetchedAt: NOW,
    dataAsOf: NOW,
    notices: [],
    meters:
      percent === null
        ? []
        : [
            {
              meter: {
                id: 'm',
                label: 'jp-east transfer',
                kind: 'transfer-total',
                unit: 'bytes',
                scope: { level: 'region', id: 'jp-east' },
                series: 'delta',
                resolution: 'day',
                timeZone: 'UTC',
              },
              memberMeterIds: ['m'],
              period: { start: 0, end: NOW + 1e9, timeZone: 'UTC' },
              used: percent,
              peak: null,
              quota: { limit: 100, source: 'user', quotaId: 'q' },
              percentUsed: percent,
              remaining: 100 - percent,
              level: percent >= 95 ? 'critical' : percent >= 80 ? 'warning' : 'ok',
              forecast: null,
              dailyBudget: null,
              daily: [],
            },
          ],
  };
}

const labels = (entries: readonly MenuEntry[]) =>
  entries.map((e) => (e.type === 'separator' ? '—' : e.label));

describe('tray menu', () => {
  it('lists every account with its state, then the actions', () => {
    const entries = trayMenuModel({
      snapshots: [
        snapshot('a', { state: 'ok' }, 85.4),
        snapshot('b', { state: 'error', kind: 'auth', message: 'x', retryAt: null }, null),
        snapshot('c', { state: 'needs-credentials', missing: ['apiKey'] }, null),
      ],
      now: NOW,
      notificationsPausedUntil: null,
      startAtLogin: false,
      timeZone: 'UTC',
    });
    expect(labels(entries)).toEqual([
      'Account a — 85% of jp-east transfer',
      'Account b — can’t read (auth)',
      'Account c — needs credentials',
      '—',
      'Refresh now',
      'Open usage window',
      '—',
      'Pause notifications',
      'Start at login',
      '—',
      'Quit Cloudmeter',
    ]);
    expect(entries[0]).toMatchObject({ action: { kind: 'open-account', accountId: 'a' } });
    expect(entries.find((e) => e.type === 'item' && e.label === 'Start at login')).toMatchObject({
      checked: false,
      action: { kind: 'start-at-login', enabled: true },
    });
  });

  it('offers an hour or until tomorrow morning, and resuming once paused', () => {
    const base = { snapshots: [], now: NOW, startAtLogin: true, timeZone: 'Asia/Tokyo' };
    const pause = trayMenuModel({ ...base, notificationsPausedUntil: null }).find(
      (e) => e.type === 'submenu',
    )!;
    expect(
      pause.type === 'submenu' && pause.items.map((i) => i.type === 'item' && i.action),
    ).toEqual([
      { kind: 'pause', until: NOW + 3_600_000 },
      { kind: 'pause', until: Date.parse('2026-11-22T08:00:00+09:00') },
    ]);
    const paused = trayMenuModel({
      ...base,
      notificationsPausedUntil: NOW + 3_600_000,
      locale: 'en-GB',
    }).find((e) => e.type === 'submenu')!;
    expect(paused.label).toBe('Notifications paused until 22:00');
    const american = trayMenuModel({
      ...base,
      notificationsPausedUntil: NOW + 3_600_000,
      locale: 'en-US',
    }).find((e) => e.type === 'submenu')!;
    expect(american.label).toBe('Notifications paused until 10:00 PM');
    expect(paused.type === 'submenu' && paused.items[0]).toMatchObject({
      label: 'Resume notifications',
      action: { kind: 'pause', until: null },
    });
    expect(labels(trayMenuModel({ ...base, notificationsPausedUntil: null }))[0]).toBe(
      'No accounts yet',
    );
  });
});
