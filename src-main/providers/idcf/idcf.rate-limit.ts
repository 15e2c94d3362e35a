import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Clock } from '../../core/clock.ts';
import { MAX_RATE_LIMIT_WAIT_MS, waitForCallSlot } from '../rate-limit.ts';

export interface IdcfLimitHeaders {
  readonly max: number;
  readonly remaining: number;
  readonly resetAt: Instant;
}

/**
 * Reads `x-idcf-limit-max`, `-remaining` and `-reset`. The fixture shows `reset: 10`, read as
 * seconds until the window resets (INFERRED); a value that looks like Unix seconds is taken
 * as the reset instant itself, so either reading works.
 */
export function parseLimitHeaders(
  headers: Readonly<Record<string, string>>,
  now: Instant,
): IdcfLimitHeaders | null {
  const max = Number(headers['x-idcf-limit-max']);
  const remaining = Number(headers['x-idcf-limit-remaining']);
  const reset = Number(headers['x-idcf-limit-reset']);
  if (headers['x-idcf-limit-remaining'] === undefined || !Number.isFinite(remaining)) return null;
  const resetAt = !Number.isFinite(reset)
    ? now
    : reset > 1e9
      ? reset * 1000
      : now + Math.max(0, reset) * 1000;
  return { max: Number.isFinite(max) && max > 0 ? max : remaining, remaining, resetAt };
}

/**
 * IDCF's rate limit as the provider reports it, for one account: no call is sent while the
 * window is used up. Calls in flight are counted, so concurrent requests cannot overrun the
 * last few calls of a window.
 */
export class IdcfRateLimit {
  private max: number | null = null;
  private remaining: number | null = null;
  private resetAt: Instant = 0;
  private inFlight = 0;

  /** Waits for a call slot (a short wait for the reset), or throws `rate-limited`. */
  async acquire(clock: Clock, signal: AbortSignal, what: string): Promise<void> {
    for (;;) {
      const now = clock.now();
      if (this.remaining === null || this.remaining > 0) break;
      if (now >= this.resetAt) {
        this.remaining = this.max;
        continue;
      }
      const calls = this.max === null ? 'all calls' : `all ${this.max} calls`;
      await waitForCallSlot(clock, signal, {
        ms: this.resetAt - now,
        maxMs: MAX_RATE_LIMIT_WAIT_MS,
        what,
        why: `${calls} of IDCF's current window are used`,
      });
    }
    if (this.remaining !== null) this.remaining -= 1;
    this.inFlight += 1;
  }

  /** Records an answer's headers (or none, after a transport failure). */
  settle(headers: Readonly<Record<string, string>> | null, now: Instant): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const limit = headers ? parseLimitHeaders(headers, now) : null;
    if (!limit) return;
    this.max = limit.max;
    this.remaining = Math.max(0, limit.remaining - this.inFlight);
    this.resetAt = limit.resetAt;
  }

  /** When the provider asks to wait (a 429), nothing more is sent before that. */
  holdUntil(at: Instant): void {
    this.remaining = 0;
    this.resetAt = Math.max(this.resetAt, at);
  }
}
