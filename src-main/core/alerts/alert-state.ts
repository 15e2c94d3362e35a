import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { parseWith, SchemaParseError } from '../../../src-shared/schema.ts';
import {
  ALERT_STATE_VERSION,
  AlertStateSchema,
  type AccountAlertState,
  type AlertState,
} from './alert-schema.ts';

export function emptyAlertState(): AlertState {
  return { version: ALERT_STATE_VERSION, pausedUntil: null, accounts: {}, held: [] };
}

export function emptyAccountAlertState(): AccountAlertState {
  return {
    snoozedUntil: null,
    meters: {},
    failure: { lastSuccessAt: null, failingSince: null, healthySince: null, notified: [] },
  };
}

/** The state as JSON text, for the store. */
export function serializeAlertState(state: AlertState): string {
  return JSON.stringify(state);
}

/**
 * Reads stored state back. Throws a SchemaParseError naming the bad field; the caller decides
 * whether to start from an empty state (re-notifying once) or to stop.
 */
export function parseAlertState(json: string): AlertState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new SchemaParseError('stored alert state', [{ path: '', message: 'not valid JSON' }]);
  }
  return parseWith(AlertStateSchema, value, 'stored alert state');
}

/** Silences one account until `until` (null: no longer). */
export function snoozeAccount(
  state: AlertState,
  accountId: string,
  until: Instant | null,
): AlertState {
  const account = state.accounts[accountId] ?? emptyAccountAlertState();
  return {
    ...state,
    accounts: { ...state.accounts, [accountId]: { ...account, snoozedUntil: until } },
  };
}

/** Silences every account until `until` (null: no longer): the tray's "Pause notifications". */
export function pauseNotifications(state: AlertState, until: Instant | null): AlertState {
  return { ...state, pausedUntil: until };
}

/** Whether notifications of this account are silenced at `now` (snoozed or paused). */
export function isSilenced(state: AlertState, accountId: string, now: Instant): boolean {
  const snoozed = state.accounts[accountId]?.snoozedUntil ?? null;
  return (
    (state.pausedUntil !== null && now < state.pausedUntil) || (snoozed !== null && now < snoozed)
  );
}

/** Forgets accounts that no longer exist, and what was held for them. */
export function pruneAlertState(state: AlertState, accountIds: readonly string[]): AlertState {
  const keep = new Set(accountIds);
  return {
    ...state,
    accounts: Object.fromEntries(Object.entries(state.accounts).filter(([id]) => keep.has(id))),
    held: state.held.filter((event) => keep.has(event.accountId)),
  };
}
