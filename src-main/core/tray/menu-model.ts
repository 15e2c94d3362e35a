import { tomorrowMorning } from '../../../src-shared/domain/pause-until.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { quotaReadings } from './readings.ts';
import { percentText } from './tray-text-en.ts';

/** What a menu entry does when chosen; the shell maps each to a service call. */
export type MenuAction =
  | { readonly kind: 'open-account'; readonly accountId: string }
  | { readonly kind: 'open-window' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'pause'; readonly until: Instant | null }
  | { readonly kind: 'start-at-login'; readonly enabled: boolean }
  | { readonly kind: 'quit' };

export type MenuEntry =
  | {
      readonly type: 'item';
      readonly label: string;
      readonly action: MenuAction;
      readonly enabled: boolean;
      readonly checked?: boolean;
    }
  | { readonly type: 'label'; readonly label: string }
  | { readonly type: 'separator' }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly MenuEntry[] };

export interface MenuInput {
  readonly snapshots: readonly AccountSnapshot[];
  readonly now: Instant;
  readonly notificationsPausedUntil: Instant | null;
  readonly startAtLogin: boolean;
  /** The user's zone, for "until tomorrow" and clock times. */
  readonly timeZone: string;
  readonly locale?: string;
}

const HOUR_MS = 3_600_000;

function clockTime(at: Instant, now: Instant, timeZone: string, locale: string): string {
  const sameDay = Math.abs(at - now) < 20 * HOUR_MS;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { weekday: 'short' }),
  }).format(at);
}

/** One line per account: its name and where it stands. */
function accountLine(snapshot: AccountSnapshot): string {
  const worst = quotaReadings([snapshot])[0];
  const state = snapshot.status;
  const where = worst ? `${percentText(worst.percentUsed)} of ${worst.usage.meter.label}` : null;
  switch (state.state) {
    case 'error':
      return `${snapshot.label} — can’t read (${state.kind})${where ? `, last ${where}` : ''}`;
    case 'needs-credentials':
      return `${snapshot.label} — needs credentials`;
    case 'stale':
      return `${snapshot.label} — ${where ?? 'no data'} (stale)`;
    case 'pending':
      return `${snapshot.label} — reading…`;
    case 'disabled':
      return `${snapshot.label} — paused`;
    case 'ok':
      return `${snapshot.label} — ${where ?? 'no quota set'}`;
  }
}

/** The tray's context menu, as data. Rebuilt whenever the state changes. */
export function trayMenuModel(input: MenuInput): MenuEntry[] {
  const locale = input.locale ?? 'en';
  const paused =
    input.notificationsPausedUntil !== null && input.notificationsPausedUntil > input.now;
  const accounts: MenuEntry[] =
    input.snapshots.length === 0
      ? [{ type: 'label', label: 'No accounts yet' }]
      : input.snapshots.map((snapshot) => ({
          type: 'item',
          label: accountLine(snapshot),
          action: { kind: 'open-account', accountId: snapshot.accountId },
          enabled: true,
        }));
  const pause: MenuEntry = paused
    ? {
        type: 'submenu',
        label: `Notifications paused until ${clockTime(input.notificationsPausedUntil, input.now, input.timeZone, locale)}`,
        items: [
          {
            type: 'item',
            label: 'Resume notifications',
            action: { kind: 'pause', until: null },
            enabled: true,
          },
        ],
      }
    : {
        type: 'submenu',
        label: 'Pause notifications',
        items: [
          {
            type: 'item',
            label: 'For 1 hour',
            action: { kind: 'pause', until: input.now + HOUR_MS },
            enabled: true,
          },
          {
            type: 'item',
            label: 'Until tomorrow morning',
            action: { kind: 'pause', until: tomorrowMorning(input.now, input.timeZone) },
            enabled: true,
          },
        ],
      };
  const anyEnabled = input.snapshots.some((s) => s.status.state !== 'disabled');
  return [
    ...accounts,
    { type: 'separator' },
    { type: 'item', label: 'Refresh now', action: { kind: 'refresh' }, enabled: anyEnabled },
    { type: 'item', label: 'Open usage window', action: { kind: 'open-window' }, enabled: true },
    { type: 'separator' },
    pause,
    {
      type: 'item',
      label: 'Start at login',
      action: { kind: 'start-at-login', enabled: !input.startAtLogin },
      enabled: true,
      checked: input.startAtLogin,
    },
    { type: 'separator' },
    { type: 'item', label: 'Quit Cloudmeter', action: { kind: 'quit' }, enabled: true },
  ];
}
