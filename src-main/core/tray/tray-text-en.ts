import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { formatMeterValue, type UnitSystem } from '../../../src-shared/domain/units.ts';
import type { AccountStatus } from '../../../src-shared/domain/usage.ts';
import type { TrayIconState } from './tray-state.ts';
import {
  isProblem,
  type TrayAccountSummary,
  type TrayMeterSummary,
  type TraySummary,
} from './tray-summary.ts';

// The English wording of the tray, in one place: a translation replaces this file's functions
// and reuses the structured TraySummary and TrayIconState they read.

export interface TrayTextOptions {
  readonly units?: UnitSystem;
  readonly locale?: string;
  /**
   * Longest tooltip the platform shows. Windows cuts tray tooltips at 127 characters, so the
   * shell passes 127 there and the text switches to one short line per account, then drops
   * accounts (counted as "+N more") rather than being cut mid-word.
   */
  readonly maxChars?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_MESSAGE = 80;

/** "85%": floored, so 99.7 % never reads as a full 100% before the quota is really reached. */
export function percentText(percent: number): string {
  return percent >= 1000 ? '>999%' : `${Math.floor(Math.max(0, percent))}%`;
}

/** The macOS menu-bar title next to the icon (shown in monospaced digits); empty for no number. */
export function trayTitleText(state: TrayIconState): string {
  return state.kind === 'usage' && state.percent !== null ? percentText(state.percent) : '';
}

/** A rough duration for people: "40 min", "5 h", "9 days". */
export function spanText(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR - MINUTE / 2) return `${Math.round(ms / MINUTE)} min`;
  if (ms < 2 * DAY - HOUR / 2) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} days`;
}

function agoText(at: Instant | null, now: Instant): string {
  if (at === null) return 'no data yet';
  return now - at < MINUTE ? 'data as of just now' : `data as of ${spanText(now - at)} ago`;
}

function resetsText(at: Instant, now: Instant): string {
  return at <= now ? 'resets now' : `resets in ${spanText(at - now)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function remainingText(worst: TrayMeterSummary, options: TrayTextOptions): string | null {
  if (worst.remaining === null) return null;
  const fmt = (v: number) => formatMeterValue(v, worst.unit, options.units, options.locale);
  return worst.remaining >= 0 ? `${fmt(worst.remaining)} left` : `${fmt(-worst.remaining)} over`;
}

/** A problem worth a line of its own, or null for a healthy (or still loading) account. */
function problemText(status: AccountStatus): string | null {
  switch (status.state) {
    case 'error':
      return clip(`error (${status.kind}): ${status.message}`, MAX_MESSAGE);
    case 'needs-credentials':
      return `needs credentials: ${status.missing.join(', ')}`;
    case 'stale':
      return clip(status.message === '' ? 'stale' : `stale: ${status.message}`, MAX_MESSAGE);
    default:
      return null;
  }
}

function quietText(status: AccountStatus): string {
  return status.state === 'pending' ? 'reading…' : 'no quota set';
}

/** Two or three lines per account: percent and meter; left, reset, age; the problem if any. */
function fullBlock(account: TrayAccountSummary, now: Instant, options: TrayTextOptions): string[] {
  const problem =
    problemText(account.status) ??
    (account.warning === null ? null : clip(account.warning, MAX_MESSAGE));
  const { worst } = account;
  if (worst === null) {
    return [`${account.label}: ${problem ?? quietText(account.status)}`];
  }
  const details = [
    remainingText(worst, options),
    resetsText(worst.resetsAt, now),
    agoText(account.dataAsOf, now),
  ].filter((part) => part !== null);
  return [
    `${account.label}: ${percentText(worst.percentUsed)} of ${worst.meterLabel}`,
    `  ${details.join(' · ')}`,
    ...(problem === null ? [] : [`  ${problem}`]),
  ];
}

const SHORT_STATE: Partial<Record<AccountStatus['state'], string>> = {
  error: 'error',
  'needs-credentials': 'needs credentials',
  stale: 'stale',
};

/** One short line per account, for platforms with a tight tooltip limit. */
function compactLine(account: TrayAccountSummary): string {
  const state = SHORT_STATE[account.status.state];
  const parts = [
    account.worst === null ? null : percentText(account.worst.percentUsed),
    state ?? (account.worst === null ? quietText(account.status) : null),
  ].filter((part) => part !== null);
  return `${account.label} ${parts.join(' ')}`;
}

function moreLine(count: number): string[] {
  return count > 0 ? [`+${count} more ${count === 1 ? 'account' : 'accounts'}`] : [];
}

/**
 * The tray tooltip: the accounts closest to their quotas with percent used, what is left, when
 * the period resets and how old the data is; failing accounts with their problem.
 */
export function trayTooltipText(
  summary: TraySummary,
  now: Instant,
  options: TrayTextOptions = {},
): string {
  if (summary.watched === 0) return 'Cloudmeter: no accounts to watch yet';
  const max = options.maxChars ?? Infinity;
  const full = [
    ...summary.accounts.flatMap((account) => fullBlock(account, now, options)),
    ...moreLine(summary.more),
  ].join('\n');
  if (full.length <= max) return full;
  // Short lines; if even those do not fit, keep the account the gauge shows and the failing
  // ones (they explain the badge) before the others, in the original order.
  const accounts = summary.accounts;
  const priority = accounts
    .map((account, index) => ({
      index,
      rank: index === 0 ? 0 : isProblem(account.status) ? 1 : 2,
    }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ index }) => index);
  for (let kept = accounts.length; kept >= 1; kept--) {
    const keep = new Set(priority.slice(0, kept));
    const text = [
      ...accounts.filter((_, index) => keep.has(index)).map(compactLine),
      ...moreLine(summary.more + accounts.length - kept),
    ].join('\n');
    if (text.length <= max) return text;
  }
  return clip(accounts[0] === undefined ? '' : compactLine(accounts[0]), max);
}
