import { describe, expect, it } from 'vitest';
import {
  emptyAlertState,
  pauseNotifications,
  snoozeAccount,
} from '../../../src-main/core/alerts/alert-state.ts';
import type { AlertState } from '../../../src-main/core/alerts/alert-schema.ts';
import { releaseAlerts, runAlerts } from '../../../src-main/core/alerts/evaluate.ts';
import { isQuietAt, quietEndsAfter } from '../../../src-main/core/alerts/quiet-hours.ts';
import type { AccountSnapshot, AccountStatus } from '../../../src-shared/domain/usage.ts';
import { at, DAY, GB, HOUR, iso } from '../fixtures.ts';
import { kinds, SETTINGS, snapshot, usage } from './helpers.ts';

const BERLIN = 'Europe/Berlin';
const QUIET = { from: '22:00', to: '07:00' };
const settings = { ...SETTINGS, quietHours: QUIET };

function alertsAt(state: AlertState, now: number, snap: AccountSnapshot) {
  return runAlerts(state, {
    now,
    snapshot: snap,
    account: {},
    settings,
    units: 'si',
    timeZone: BERLIN,
  });
}
const percent = (p: number, now: number, id = 'idcf') =>
  snapshot([usage({ used: p * 10 * GB, now })], { id, label: id.toUpperCase() });

describe('quiet hours', () => {
  it('knows quiet hours that span midnight, in the user zone', () => {
    expect(isQuietAt(at('2024-11-04T21:30:00Z'), QUIET, BERLIN)).toBe(true); // 22:30
    expect(isQuietAt(at('2024-11-05T05:59:00Z'), QUIET, BERLIN)).toBe(true); // 06:59
    expect(isQuietAt(at('2024-11-05T06:00:00Z'), QUIET, BERLIN)).toBe(false); // 07:00
    expect(isQuietAt(at('2024-11-04T12:00:00Z'), QUIET, BERLIN)).toBe(false);
    expect(isQuietAt(at('2024-11-04T12:00:00Z'), { from: '09:00', to: '17:00' }, BERLIN)).toBe(
      true,
    );
    expect(isQuietAt(at('2024-11-04T12:00:00Z'), { from: '08:00', to: '08:00' }, BERLIN)).toBe(
      false,
    );
  });

  it('ends quiet hours at the local clock time, also on the night the clocks go forward', () => {
    expect(iso(quietEndsAfter(at('2024-11-04T22:00:00Z'), QUIET, BERLIN))).toBe(
      '2024-11-05T06:00:00.000Z',
    );
    // London skips 01:00–02:00 on 31 March 2024: a 01:30 end becomes 02:30 BST.
    const london = { from: '23:00', to: '01:30' };
    expect(iso(quietEndsAfter(at('2024-03-30T23:30:00Z'), london, 'Europe/London'))).toBe(
      '2024-03-31T01:30:00.000Z',
    );
  });

  it('holds alerts raised at night and delivers them when quiet hours end', () => {
    const night = at('2024-11-20T22:00:00Z'); // 23:00 in Berlin
    const first = alertsAt(emptyAlertState(), night, percent(85, night));
    expect(kinds(first.raised)).toEqual(['threshold-warning']);
    expect(first.deliver).toEqual([]);
    expect(iso(first.nextReleaseAt!)).toBe('2024-11-21T06:00:00.000Z');
    const morning = releaseAlerts(first.state, {
      now: first.nextReleaseAt!,
      quietHours: QUIET,
      timeZone: BERLIN,
    });
    expect(morning.deliver.map((e) => e.id)).toEqual(first.raised.map((e) => e.id));
    expect(morning.state.held).toEqual([]);
  });

  it('delivers the worst news of the night once, not every step of it', () => {
    const night = at('2024-11-20T22:00:00Z');
    let state = alertsAt(emptyAlertState(), night, percent(85, night)).state;
    state = alertsAt(state, night + 3 * HOUR, percent(97, night + 3 * HOUR)).state;
    state = alertsAt(state, night + 4 * HOUR, percent(85, night + 4 * HOUR, 'memset')).state;
    const morning = releaseAlerts(state, {
      now: at('2024-11-21T06:00:00Z'),
      quietHours: QUIET,
      timeZone: BERLIN,
    });
    expect(morning.deliver.map((e) => [e.accountId, kinds([e])[0]])).toEqual([
      ['idcf', 'threshold-critical'],
      ['memset', 'threshold-warning'],
    ]);
  });

  it('drops a held usage alert whose period ended during the night', () => {
    const night = at('2024-11-30T14:00:00Z'); // 15:00 Berlin… quiet from 09:00 here
    const quiet = { from: '09:00', to: '23:00' };
    const held = runAlerts(emptyAlertState(), {
      now: night,
      snapshot: percent(85, night),
      account: {},
      settings: { ...SETTINGS, quietHours: quiet },
      units: 'si',
      timeZone: BERLIN,
    });
    expect(held.deliver).toEqual([]);
    // The JST period ended at 15:00 UTC; at 23:00 Berlin the alert is about a closed period.
    const later = releaseAlerts(held.state, {
      now: held.nextReleaseAt!,
      quietHours: quiet,
      timeZone: BERLIN,
    });
    expect(later.deliver).toEqual([]);
  });

  it('keeps a held storage alert past the period end: a level carries over', () => {
    const quiet = { from: '09:00', to: '23:00' };
    const now = at('2024-11-30T14:00:00Z');
    const storage = snapshot([usage({ used: 850 * GB, now, gauge: true, id: 'storage' })]);
    const held = runAlerts(emptyAlertState(), {
      now,
      snapshot: storage,
      account: {},
      settings: { ...SETTINGS, quietHours: quiet },
      units: 'si',
      timeZone: BERLIN,
    });
    const later = releaseAlerts(held.state, {
      now: held.nextReleaseAt!,
      quietHours: quiet,
      timeZone: BERLIN,
    });
    expect(kinds(later.deliver)).toEqual(['threshold-warning']);
  });

  it('drops a held failure alert when the account recovers before morning', () => {
    const night = at('2024-11-20T22:00:00Z');
    const rejected: AccountStatus = { state: 'error', kind: 'auth', message: 'no', retryAt: null };
    let state = alertsAt(emptyAlertState(), night, snapshot([], { status: rejected })).state;
    expect(state.held).toHaveLength(1);
    for (let h = 1; h <= 5; h++) {
      state = alertsAt(state, night + h * HOUR, snapshot([], { status: { state: 'ok' } })).state;
    }
    expect(state.held).toEqual([]);
  });
});

describe('snooze and pause', () => {
  const noon = at('2024-11-20T11:00:00Z');

  it('silences a snoozed account until the given instant, without a burst afterwards', () => {
    let state = snoozeAccount(emptyAlertState(), 'idcf', noon + 2 * HOUR);
    const during = alertsAt(state, noon, percent(85, noon));
    expect(during.deliver).toEqual([]);
    state = during.state;
    const other = alertsAt(state, noon + HOUR, percent(85, noon + HOUR, 'memset'));
    expect(other.deliver.map((e) => e.accountId)).toEqual(['memset']);
    const after = alertsAt(other.state, noon + 3 * HOUR, percent(86, noon + 3 * HOUR));
    expect(after.deliver).toEqual([]);
    const critical = alertsAt(after.state, noon + 4 * HOUR, percent(96, noon + 4 * HOUR));
    expect(kinds(critical.deliver)).toEqual(['threshold-critical']);
  });

  it('pauses every account at once (the tray\'s "Pause notifications")', () => {
    const state = pauseNotifications(emptyAlertState(), noon + DAY);
    expect(alertsAt(state, noon, percent(85, noon)).deliver).toEqual([]);
    expect(alertsAt(state, noon, percent(85, noon, 'memset')).deliver).toEqual([]);
    const resumed = pauseNotifications(state, null);
    expect(alertsAt(resumed, noon, percent(85, noon)).deliver).toHaveLength(1);
  });
});
