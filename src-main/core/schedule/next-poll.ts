import {
  TRANSIENT_ERROR_KINDS,
  type ProviderErrorKind,
} from '../../../src-shared/domain/errors.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** First retry after a transient failure (network, timeout, 5xx, rate limit). */
export const TRANSIENT_BACKOFF_BASE_MS = MINUTE_MS;
/** Failures the user must fix (credentials, options) back off from the interval up to this. */
export const PERMANENT_BACKOFF_CAP_MS = 6 * HOUR_MS;
/** A provider's Retry-After is honoured up to this (a bogus "one year" must not stop polling). */
export const MAX_RETRY_AFTER_MS = 24 * HOUR_MS;
/** Backoff delays are jittered down by up to this share, so accounts do not retry in step. */
export const BACKOFF_JITTER = 0.25;
/** After a wake, give the network a moment to come back before polling. */
export const WAKE_SETTLE_MS = 10 * SECOND_MS;
/** Spread of polls that are due at once (start, wake), so they do not leave in one burst. */
export const CATCH_UP_SPREAD_MS = 20 * SECOND_MS;

export interface LastFailure {
  readonly kind: ProviderErrorKind;
  /** From the provider's Retry-After (ProviderError.retryAfterMs). */
  readonly retryAfterMs: number | null;
}

/** What the store knows about an account's polls. */
export interface PollHistory {
  /** When the last poll (successful or not) finished; null if never polled. */
  readonly lastAttemptAt: Instant | null;
  /** Failures since the last success (0 after a success). */
  readonly consecutiveFailures: number;
  /** The last attempt's failure, if it failed. */
  readonly lastFailure: LastFailure | null;
}

export interface PollTimingInput extends PollHistory {
  readonly now: Instant;
  /** The account's interval (pollIntervalMinutes, else the provider's default). */
  readonly intervalMinutes: number;
  /** The provider's minimum interval: never two polls closer than this. */
  readonly minIntervalMinutes: number;
  /** When the machine last woke from sleep (powerMonitor resume), if it did. */
  readonly resumedAt?: Instant | null;
  /** Uniform in [0, 1); injected so that tests are deterministic. */
  readonly random: () => number;
}

export type PollReason =
  | 'first' // never polled: soon after start
  | 'interval' // the regular interval after a success
  | 'backoff' // retrying after a failure
  | 'retry-after' // the provider said when
  | 'catch-up'; // overdue (the machine slept, the app was closed): soon, once

export interface PollTime {
  readonly at: Instant;
  readonly reason: PollReason;
}

/** Exponential backoff: base × 2^(failures − 1), capped, then jittered down. */
export function backoff(base: number, cap: number, failures: number, random: () => number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const delay = Math.min(cap, base * 2 ** exponent);
  return delay * (1 - BACKOFF_JITTER * random());
}

/** How long after the last attempt the next one is due, and why. */
function delayAfterLastAttempt(input: PollTimingInput, interval: number, minimum: number) {
  const failure = input.lastFailure;
  if (failure === null) return { delay: interval, reason: 'interval' as const };
  const transient = TRANSIENT_ERROR_KINDS.has(failure.kind);
  const delay = transient
    ? backoff(TRANSIENT_BACKOFF_BASE_MS, interval, input.consecutiveFailures, input.random)
    : backoff(
        interval,
        Math.max(interval, PERMANENT_BACKOFF_CAP_MS),
        input.consecutiveFailures,
        input.random,
      );
  const retryAfter = Math.min(failure.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  if (retryAfter > delay && retryAfter >= minimum)
    return { delay: retryAfter, reason: 'retry-after' as const };
  return { delay, reason: 'backoff' as const };
}

/**
 * When to poll an account next. Pure: the clock and the randomness are passed in.
 *
 * - After a success: the interval (never below the provider's minimum).
 * - After a failure: exponential backoff with jitter — from 1 minute up to the interval for
 *   transient failures, from the interval up to 6 h for failures only the user can fix
 *   (credentials, options) — and never before the provider's Retry-After.
 * - Overdue (the machine slept or the app was closed): one poll soon — a few seconds after
 *   the wake, spread so that accounts do not leave together — never one per missed interval.
 *   Timers do not run during sleep, so the caller recomputes this on resume.
 * - Never closer than the provider's minimum interval to the previous attempt.
 */
export function nextPollAt(input: PollTimingInput): PollTime {
  const { now } = input;
  const minimum = input.minIntervalMinutes * MINUTE_MS;
  const interval = Math.max(input.intervalMinutes * MINUTE_MS, minimum);
  const spread = () => Math.floor(input.random() * CATCH_UP_SPREAD_MS);
  if (input.lastAttemptAt === null) return { at: now + spread(), reason: 'first' };

  const { delay, reason } = delayAfterLastAttempt(input, interval, minimum);
  const due = input.lastAttemptAt + Math.max(delay, minimum);
  if (due >= now) return { at: Math.round(due), reason };

  // Overdue, hence already past the minimum interval: one poll soon.
  const resumedAt = input.resumedAt ?? null;
  const woke = resumedAt !== null && resumedAt > input.lastAttemptAt && resumedAt <= now;
  return {
    at: Math.max(now, woke ? resumedAt + WAKE_SETTLE_MS : now) + spread(),
    reason: 'catch-up',
  };
}

/**
 * When a refresh the user asked for may run: at once, unless the provider's minimum interval
 * since the last attempt or its Retry-After says to wait. Backoff does not apply (the user may
 * just have fixed the credentials). A refresh while a poll is in flight joins it instead
 * (see SingleFlight).
 */
export function manualPollAt(
  input: Pick<PollTimingInput, 'now' | 'minIntervalMinutes' | 'lastAttemptAt' | 'lastFailure'>,
): Instant {
  if (input.lastAttemptAt === null) return input.now;
  const retryAfter = Math.min(input.lastFailure?.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  const wait = Math.max(input.minIntervalMinutes * MINUTE_MS, retryAfter);
  return Math.max(input.now, input.lastAttemptAt + wait);
}
