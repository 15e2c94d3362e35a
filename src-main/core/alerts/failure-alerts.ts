import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountStatus } from '../../../src-shared/domain/usage.ts';
import type { AlertFacts, FailureState } from './alert-schema.ts';

const HOUR_MS = 3_600_000;

/**
 * How long an account must read well before a failure incident is over. Until then a new
 * failure belongs to the same incident, so a provider that flaps between failing and working
 * yields one notification, not one per flap.
 */
export const FAILURE_RECOVERY_MS = 3 * HOUR_MS;

export interface FailureInput {
  readonly now: Instant;
  readonly status: AccountStatus;
  /** The last successful read if known (the store's, else the snapshot's fetchedAt). */
  readonly lastSuccessAt: Instant | null;
  readonly staleAfterHours: number;
  /** The user's zone, for the clock time in the text. */
  readonly timeZone: string;
}

export interface FailureOutcome {
  readonly state: FailureState;
  readonly facts: AlertFacts | null;
  /** The incident just closed: anything still held about it is moot. */
  readonly recovered: boolean;
}

/**
 * Failure alerts, one incident at a time: "credentials rejected" (auth, permission: the user
 * must act) at the first such failure, and "no fresh data" once reads have failed for longer
 * than `staleAfterHours` since the last success. Each is told at most once per incident, and
 * "no fresh data" not at all after "credentials rejected" (same cause). Only failed reads
 * count: a machine that slept all night has old data but no failure until a read fails.
 */
export function evaluateFailure(previous: FailureState, input: FailureInput): FailureOutcome {
  const { status, now } = input;
  if (status.state === 'ok') {
    const lastSuccessAt = input.lastSuccessAt ?? now;
    if (previous.failingSince === null)
      return { state: { ...previous, lastSuccessAt }, facts: null, recovered: false };
    const healthySince = previous.healthySince ?? now;
    if (now - healthySince >= FAILURE_RECOVERY_MS) {
      const healthy = { lastSuccessAt, failingSince: null, healthySince: null, notified: [] };
      return { state: healthy, facts: null, recovered: true };
    }
    return { state: { ...previous, lastSuccessAt, healthySince }, facts: null, recovered: false };
  }
  if (status.state !== 'error' && status.state !== 'stale') {
    // pending, disabled, needs-credentials: nothing was tried, so nothing failed.
    return { state: previous, facts: null, recovered: false };
  }
  const failingSince = previous.failingSince ?? now;
  const state: FailureState = { ...previous, failingSince, healthySince: null };
  const errorKind = status.state === 'error' ? status.kind : null;
  const told = new Set(state.notified);
  if ((errorKind === 'auth' || errorKind === 'permission') && !told.has('credentials')) {
    return {
      state: { ...state, notified: [...state.notified, 'credentials'] },
      facts: { kind: 'credentials', errorKind, message: status.message },
      recovered: false,
    };
  }
  const lastSuccessAt = input.lastSuccessAt ?? previous.lastSuccessAt;
  const since = lastSuccessAt ?? failingSince;
  if (
    now - since >= input.staleAfterHours * HOUR_MS &&
    !told.has('stale') &&
    !told.has('credentials')
  ) {
    return {
      state: { ...state, notified: [...state.notified, 'stale'] },
      facts: {
        kind: 'stale',
        lastSuccessAt,
        failingSince,
        errorKind,
        message: status.message,
        timeZone: input.timeZone,
      },
      recovered: false,
    };
  }
  return { state, facts: null, recovered: false };
}
