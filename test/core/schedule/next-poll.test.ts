import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATCH_UP_SPREAD_MS,
  MAX_RETRY_AFTER_MS,
  manualPollAt,
  nextPollAt,
  WAKE_SETTLE_MS,
  type PollTimingInput,
} from '../../../src-main/core/schedule/next-poll.ts';
import { ProviderErrorKindSchema } from '../../../src-shared/domain/errors.ts';
import { at, HOUR } from '../fixtures.ts';

const MIN = 60_000;
const NOW = at('2024-11-04T09:00:00Z');
const lowest = () => 0; // no jitter
const highest = () => 0.999_999;

function input(extra: Partial<PollTimingInput> = {}): PollTimingInput {
  return {
    now: NOW,
    intervalMinutes: 60,
    minIntervalMinutes: 5,
    lastAttemptAt: NOW,
    consecutiveFailures: 0,
    lastFailure: null,
    random: lowest,
    ...extra,
  };
}
const failed = (
  kind: 'network' | 'auth' | 'rate-limited',
  failures: number,
  retryAfterMs: number | null = null,
) => input({ consecutiveFailures: failures, lastFailure: { kind, retryAfterMs } });

describe('next poll time', () => {
  it('polls a new account soon after start, spread so that accounts do not leave together', () => {
    expect(nextPollAt(input({ lastAttemptAt: null }))).toEqual({ at: NOW, reason: 'first' });
    const late = nextPollAt(input({ lastAttemptAt: null, random: highest }));
    expect(late.at).toBeGreaterThan(NOW);
    expect(late.at).toBeLessThan(NOW + CATCH_UP_SPREAD_MS);
  });

  it('waits the interval after a success, and never less than the provider minimum', () => {
    expect(nextPollAt(input())).toEqual({ at: NOW + 60 * MIN, reason: 'interval' });
    expect(nextPollAt(input({ intervalMinutes: 1, minIntervalMinutes: 10 })).at).toBe(
      NOW + 10 * MIN,
    );
  });

  it('backs off exponentially after transient failures, up to the interval', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 12].map(
      (n) => (nextPollAt({ ...failed('network', n), minIntervalMinutes: 1 }).at - NOW) / MIN,
    );
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(nextPollAt(failed('network', 1)).reason).toBe('backoff');
  });

  it('jitters the backoff down by at most a quarter, from the injected random source', () => {
    const jittered = nextPollAt({
      ...failed('network', 5),
      minIntervalMinutes: 1,
      random: highest,
    });
    expect((jittered.at - NOW) / MIN).toBeCloseTo(12, 3); // 16 minutes × 0.75
    const half = nextPollAt({ ...failed('network', 5), minIntervalMinutes: 1, random: () => 0.5 });
    expect((half.at - NOW) / MIN).toBeCloseTo(14, 3);
  });

  it('keeps the provider minimum between retries', () => {
    expect((nextPollAt(failed('network', 1)).at - NOW) / MIN).toBe(5);
  });

  it('backs off from the interval up to 6 h when only the user can fix it (credentials)', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => (nextPollAt(failed('auth', n)).at - NOW) / HOUR);
    expect(delays).toEqual([1, 2, 4, 6, 6]);
  });

  it("honours the provider's Retry-After, within reason", () => {
    expect(nextPollAt(failed('rate-limited', 1, 30 * MIN))).toEqual({
      at: NOW + 30 * MIN,
      reason: 'retry-after',
    });
    // A shorter Retry-After than the backoff does not shorten the backoff.
    expect(nextPollAt(failed('rate-limited', 6, 10_000)).at).toBe(NOW + 32 * MIN);
    // A bogus one ("a year") is capped so that the account is not abandoned.
    expect(nextPollAt(failed('rate-limited', 1, 365 * 24 * HOUR)).at).toBe(
      NOW + MAX_RETRY_AFTER_MS,
    );
  });

  it('catches up once after the machine wakes, instead of replaying missed polls', () => {
    const slept = { lastAttemptAt: NOW - 8 * HOUR, intervalMinutes: 15 };
    const resumedAt = NOW - 2_000;
    const next = nextPollAt(input({ ...slept, resumedAt }));
    expect(next).toEqual({ at: resumedAt + WAKE_SETTLE_MS, reason: 'catch-up' });
    // After that one poll, the regular interval again: no burst of the 32 missed ones.
    const after = nextPollAt(
      input({ now: next.at + 5_000, lastAttemptAt: next.at + 5_000, intervalMinutes: 15 }),
    );
    expect(after).toEqual({ at: next.at + 5_000 + 15 * MIN, reason: 'interval' });
  });

  it('polls an overdue account soon when the app starts after being closed', () => {
    const next = nextPollAt(input({ lastAttemptAt: NOW - 3 * HOUR, random: () => 0.5 }));
    expect(next).toEqual({ at: NOW + CATCH_UP_SPREAD_MS / 2, reason: 'catch-up' });
  });

  it('lets a manual refresh run at once, but not closer than the provider allows', () => {
    expect(manualPollAt(input({ lastAttemptAt: NOW - HOUR }))).toBe(NOW);
    expect(manualPollAt(input({ lastAttemptAt: NOW - MIN }))).toBe(NOW + 4 * MIN);
    expect(manualPollAt({ ...failed('rate-limited', 3, 20 * MIN), lastAttemptAt: NOW - MIN })).toBe(
      NOW + 19 * MIN,
    );
    expect(manualPollAt(input({ lastAttemptAt: null }))).toBe(NOW);
  });
});

describe('next poll time (properties)', () => {
  const history = fc.record({
    now: fc.integer({ min: NOW, max: NOW + 30 * 24 * HOUR }),
    intervalMinutes: fc.integer({ min: 1, max: 24 * 60 }),
    minIntervalMinutes: fc.integer({ min: 1, max: 120 }),
    ago: fc.option(fc.integer({ min: 0, max: 10 * 24 * HOUR }), { nil: null }),
    consecutiveFailures: fc.integer({ min: 0, max: 60 }),
    kind: fc.option(fc.constantFrom(...ProviderErrorKindSchema.options), { nil: null }),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: 10 * 365 * 24 * HOUR }), { nil: null }),
    resumedAgo: fc.option(fc.integer({ min: 0, max: 24 * HOUR }), { nil: null }),
    random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  });

  it('is never in the past, never closer than the minimum, never more than a day out', () => {
    fc.assert(
      fc.property(history, (h) => {
        const lastAttemptAt = h.ago === null ? null : h.now - h.ago;
        const { at: next } = nextPollAt({
          now: h.now,
          intervalMinutes: h.intervalMinutes,
          minIntervalMinutes: h.minIntervalMinutes,
          lastAttemptAt,
          consecutiveFailures: h.kind === null ? 0 : Math.max(1, h.consecutiveFailures),
          lastFailure: h.kind === null ? null : { kind: h.kind, retryAfterMs: h.retryAfterMs },
          resumedAt: h.resumedAgo === null ? null : h.now - h.resumedAgo,
          random: () => h.random,
        });
        expect(next).toBeGreaterThanOrEqual(h.now);
        if (lastAttemptAt !== null)
          expect(next).toBeGreaterThanOrEqual(lastAttemptAt + h.minIntervalMinutes * MIN);
        expect(next).toBeLessThanOrEqual(h.now + 24 * HOUR + WAKE_SETTLE_MS + CATCH_UP_SPREAD_MS);
      }),
      { numRuns: 2000 },
    );
  });
});
