import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { Clock } from '../core/clock.ts';
import { providerError } from './http-json.ts';

/** Waiting this long or less for a provider's rate-limit window is better than failing a poll. */
export const MAX_RATE_LIMIT_WAIT_MS = 15_000;

/**
 * Sits out a wait for a call slot when it is at most `maxWaitMs`; a longer one fails the read
 * as `rate-limited`, carrying the wait, so that the scheduler tries again once it is over.
 */
export async function waitForCallSlot(
  clock: Clock,
  signal: AbortSignal,
  wait: { ms: number; maxMs: number; what: string; why: string },
): Promise<void> {
  if (wait.ms > wait.maxMs) {
    throw providerError('rate-limited', wait.what, {
      providerMessage: `${wait.why}; a call is possible again in ${Math.ceil(wait.ms / 1000)} s`,
      retryAfterMs: wait.ms,
    });
  }
  await clock.sleep(wait.ms, signal);
}

/** How much of a RollingWindowLimit one kind of read may use, and how long it may wait. */
export interface LimitShare {
  /** Fraction of the limit these calls may fill on their own (0–1). */
  readonly share: number;
  readonly maxWaitMs: number;
}

/**
 * A limit the provider documents but does not report in its answers (CDNetworks: 300 calls
 * per 5 minutes per user), counted on our side: at most `limit` calls in any `windowMs`.
 * Each call says which share of the limit it may fill, so that a long background read
 * (a history backfill) leaves room for the regular polls of the same credentials.
 */
export class RollingWindowLimit {
  private readonly sent: Instant[] = [];
  private heldUntil: Instant = 0;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Waits until a call fits in the window within `use.share` of the limit, and counts it. */
  async acquire(clock: Clock, signal: AbortSignal, what: string, use: LimitShare): Promise<void> {
    const allowed = Math.max(1, Math.floor(this.limit * use.share));
    for (;;) {
      const now = clock.now();
      while (this.sent.length > 0 && now - this.sent[0]! >= this.windowMs) this.sent.shift();
      let waitMs = this.heldUntil - now;
      let why = 'the provider asked to slow down';
      if (waitMs <= 0 && this.sent.length >= allowed) {
        // The call that must leave the window before one more fits in.
        waitMs = this.sent[this.sent.length - allowed]! + this.windowMs - now;
        why = `${this.sent.length} calls were sent in the last ${this.windowMs / 60_000} min (limit ${this.limit})`;
      }
      if (waitMs <= 0) {
        this.sent.push(now);
        return;
      }
      await waitForCallSlot(clock, signal, { ms: waitMs, maxMs: use.maxWaitMs, what, why });
    }
  }

  /** When the provider refused a call as too frequent, nothing more is sent before `at`. */
  holdUntil(at: Instant): void {
    this.heldUntil = Math.max(this.heldUntil, at);
  }
}
