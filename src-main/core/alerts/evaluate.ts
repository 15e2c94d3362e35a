import type { Account } from '../../../src-shared/domain/account.ts';
import type { AlertSettings } from '../../../src-shared/domain/config.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { UnitSystem } from '../../../src-shared/domain/units.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import type { AccountAlertState, AlertEvent, AlertFacts, AlertState } from './alert-schema.ts';
import { emptyAccountAlertState, isSilenced } from './alert-state.ts';
import { evaluateFailure } from './failure-alerts.ts';
import { alertText } from './messages.ts';
import { isQuietAt, quietEndsAfter, type QuietHours } from './quiet-hours.ts';
import { alertRulesFor } from './rules.ts';
import { evaluateUsageLine } from './usage-alerts.ts';

export interface AccountAlertInput {
  readonly now: Instant;
  /** The account's snapshot just computed (usage lines, status, fetchedAt). */
  readonly snapshot: AccountSnapshot;
  readonly account: Pick<Account, 'alerts'>;
  readonly settings: AlertSettings;
  readonly units: UnitSystem;
  /** The user's zone (clock times in texts). */
  readonly timeZone: string;
  /** The last successful read if the store knows one older than the snapshot's fetchedAt. */
  readonly lastSuccessAt?: Instant | null;
}

/** The most held events kept (each meter and account has at most one, so this is a backstop). */
const MAX_HELD = 200;

function familyOf(facts: AlertFacts): string {
  return facts.kind === 'credentials' || facts.kind === 'stale' ? 'failure' : 'usage';
}

function keyOf(event: AlertEvent): string {
  return `${event.accountId}\u0000${event.meterId ?? ''}\u0000${familyOf(event.facts)}`;
}

const RANK = { warning: 1, critical: 2 } as const;

/**
 * Adds an event to those held for delivery. A newer event about the same meter (or the same
 * account's failures) replaces an older one of no higher severity: after a night of quiet
 * hours the user sees "critical", not "warning" and then "critical".
 */
function hold(held: readonly AlertEvent[], event: AlertEvent): AlertEvent[] {
  const key = keyOf(event);
  const existing = held.find((e) => keyOf(e) === key);
  if (existing && RANK[existing.severity] > RANK[event.severity]) return [...held];
  return [...held.filter((e) => keyOf(e) !== key), event].slice(-MAX_HELD);
}

function severityOf(facts: AlertFacts): AlertEvent['severity'] {
  switch (facts.kind) {
    case 'threshold':
      return facts.threshold === 'warning' ? 'warning' : 'critical';
    case 'forecast':
    case 'stale':
      return 'warning';
    case 'credentials':
      return 'critical';
  }
}

interface Raised {
  readonly meterId: string | null;
  readonly facts: AlertFacts;
  readonly muted: boolean;
  /** When it stops being worth showing if still held. */
  readonly expiresAt: Instant | null;
}

function eventOf(
  snapshot: AccountSnapshot,
  { meterId, facts, expiresAt }: Raised,
  now: Instant,
  units: UnitSystem,
): AlertEvent {
  const what = facts.kind === 'threshold' ? `threshold-${facts.threshold}` : facts.kind;
  return {
    id: `${snapshot.accountId}:${meterId ?? '-'}:${what}:${now}`,
    accountId: snapshot.accountId,
    accountLabel: snapshot.label,
    meterId,
    severity: severityOf(facts),
    raisedAt: now,
    expiresAt,
    facts,
    ...alertText(snapshot.label, facts, { units }),
  };
}

/**
 * Runs one account's alert rules on its new snapshot: thresholds and forecasts per usage line,
 * then failures. What fires is held for delivery (see `releaseAlerts`), unless the account or
 * meter is muted or the account is snoozed or notifications are paused: then it is dropped,
 * but still counts as told, so the end of a snooze does not unleash a burst (the tray keeps
 * showing the state). Pure: returns the next state, to be stored before anything is shown.
 */
export function evaluateAccountAlerts(
  state: AlertState,
  input: AccountAlertInput,
): { state: AlertState; raised: AlertEvent[] } {
  const { snapshot, now, settings } = input;
  const previous = state.accounts[snapshot.accountId] ?? emptyAccountAlertState();
  const meters = { ...previous.meters };
  const raised: Raised[] = [];

  for (const usage of snapshot.meters) {
    const rules = alertRulesFor(usage.meter.id, usage.thresholds, input.account, settings);
    const outcome = evaluateUsageLine(meters[usage.meter.id], usage, rules);
    if (outcome.state) meters[usage.meter.id] = outcome.state;
    if (!outcome.facts) continue;
    // Usage restarts with a new period, so an alert held past its end is moot; a storage
    // level carries over, so an alert about it stays true.
    const level = outcome.facts.kind === 'threshold' && usage.meter.series === 'gauge';
    raised.push({
      meterId: usage.meter.id,
      facts: outcome.facts,
      muted: rules.muted,
      expiresAt: level ? null : usage.period.end,
    });
  }

  const failure = evaluateFailure(previous.failure, {
    now,
    status: snapshot.status,
    lastSuccessAt: input.lastSuccessAt ?? snapshot.fetchedAt,
    staleAfterHours: settings.staleAfterHours,
    timeZone: input.timeZone,
  });
  if (failure.facts && settings.failures) {
    raised.push({
      meterId: null,
      facts: failure.facts,
      muted: input.account.alerts?.muted === true,
      expiresAt: null,
    });
  }

  const account: AccountAlertState = { ...previous, meters, failure: failure.state };
  let held = failure.recovered
    ? state.held.filter(
        (e) => e.accountId !== snapshot.accountId || familyOf(e.facts) !== 'failure',
      )
    : [...state.held];
  const silenced = isSilenced(state, snapshot.accountId, now);
  const events: AlertEvent[] = [];
  for (const alert of raised) {
    if (alert.muted || silenced) continue;
    const event = eventOf(snapshot, alert, now, input.units);
    events.push(event);
    held = hold(held, event);
  }
  return {
    state: { ...state, accounts: { ...state.accounts, [snapshot.accountId]: account }, held },
    raised: events,
  };
}

export interface DeliveryContext {
  readonly now: Instant;
  readonly quietHours?: QuietHours | undefined;
  /** The user's zone: quiet hours are local clock times. */
  readonly timeZone: string;
}

/**
 * What to show now. During quiet hours nothing is delivered and `nextReleaseAt` says when to
 * call again; after them, everything held is delivered, oldest first, except events whose
 * period has ended and events of accounts that are snoozed (or all, when paused).
 */
export function releaseAlerts(
  state: AlertState,
  context: DeliveryContext,
): { state: AlertState; deliver: AlertEvent[]; nextReleaseAt: Instant | null } {
  const { now } = context;
  const held = state.held.filter(
    (e) => (e.expiresAt === null || e.expiresAt > now) && !isSilenced(state, e.accountId, now),
  );
  if (
    held.length > 0 &&
    context.quietHours &&
    isQuietAt(now, context.quietHours, context.timeZone)
  ) {
    return {
      state: { ...state, held },
      deliver: [],
      nextReleaseAt: quietEndsAfter(now, context.quietHours, context.timeZone),
    };
  }
  const deliver = [...held].sort((a, b) => a.raisedAt - b.raisedAt);
  return { state: { ...state, held: [] }, deliver, nextReleaseAt: null };
}

/**
 * `evaluateAccountAlerts` then `releaseAlerts` with the settings' quiet hours: what the
 * polling service runs after each poll (and at `nextReleaseAt`, with `releaseAlerts` alone).
 */
export function runAlerts(state: AlertState, input: AccountAlertInput) {
  const evaluated = evaluateAccountAlerts(state, input);
  const released = releaseAlerts(evaluated.state, {
    now: input.now,
    quietHours: input.settings.quietHours,
    timeZone: input.timeZone,
  });
  return { ...released, raised: evaluated.raised };
}
