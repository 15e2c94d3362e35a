import type { ProviderErrorKind } from '../../../src-shared/domain/errors.ts';
import { ProviderErrorKindSchema } from '../../../src-shared/domain/errors.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountStatus } from '../../../src-shared/domain/usage.ts';
import type { PollRow } from '../history-store.ts';
import type { PollHistory } from '../schedule/next-poll.ts';

const HOUR_MS = 3_600_000;

/** What the poll timing needs from an account's recent polls (newest first). */
export function pollHistoryOf(polls: readonly PollRow[]): PollHistory {
  const last = polls[0];
  if (!last) return { lastAttemptAt: null, consecutiveFailures: 0, lastFailure: null };
  const failures = polls.findIndex((p) => p.outcome === 'ok');
  const kind = ProviderErrorKindSchema.safeParse(last.errorKind);
  return {
    lastAttemptAt: last.finishedAt,
    consecutiveFailures: failures === -1 ? polls.length : failures,
    lastFailure:
      last.outcome === 'ok'
        ? null
        : // Missing credentials behave like rejected ones: only the user can fix them.
          {
            kind: kind.success ? kind.data : ('auth' satisfies ProviderErrorKind),
            retryAfterMs: last.retryAfterMs,
          },
  };
}

/**
 * Timing when the poll history cannot be read (the store failed): as after one transient
 * failure now, so the account is retried soon, by the backoff rules, rather than never.
 */
export function unreadablePollHistory(now: Instant): PollHistory {
  return {
    lastAttemptAt: now,
    consecutiveFailures: 1,
    lastFailure: { kind: 'server', retryAfterMs: null },
  };
}

/**
 * The status of an account whose update failed on our side (the history store could not be
 * read back), not the provider's. No provider error kind fits; 'server' is the one that says
 * it is retried by itself, and the message says what really happened.
 */
export function internalFailureStatus(error: unknown, retryAt: Instant | null): AccountStatus {
  return {
    state: 'error',
    kind: 'server',
    message: `Cloudmeter could not update this account: ${String(error)}`,
    retryAt,
  };
}

export interface StatusInput {
  readonly enabled: boolean;
  /** The newest regular poll, if any. */
  readonly lastPoll: PollRow | null;
  readonly lastSuccessAt: Instant | null;
  /** Fields still missing, when the last poll found credentials missing (kept in memory). */
  readonly missingCredentials: readonly string[] | null;
  readonly staleAfterHours: number;
  readonly now: Instant;
}

/**
 * An account's status from its last poll: what went wrong if it failed, stale when the last
 * good read is older than the threshold (the app was closed, the machine slept), else ok.
 */
export function accountStatus(input: StatusInput): AccountStatus {
  if (!input.enabled) return { state: 'disabled' };
  const last = input.lastPoll;
  if (!last) return { state: 'pending' };
  if (last.outcome === 'needs-credentials')
    return { state: 'needs-credentials', missing: [...(input.missingCredentials ?? [])] };
  if (last.outcome === 'error') {
    const kind = ProviderErrorKindSchema.safeParse(last.errorKind);
    return {
      state: 'error',
      kind: kind.success ? kind.data : 'bad-response',
      message: last.errorMessage ?? 'the last read failed',
      retryAt: last.retryAfterMs === null ? null : last.finishedAt + last.retryAfterMs,
    };
  }
  const since = input.lastSuccessAt ?? last.finishedAt;
  const age = input.now - since;
  if (age > input.staleAfterHours * HOUR_MS) {
    return { state: 'stale', since, message: `no fresh data for ${Math.floor(age / HOUR_MS)} h` };
  }
  return { state: 'ok' };
}
