import type { Instant } from '../../src-shared/domain/primitives.ts';

/** Time, passed in so that the core can be tested with a fake one. */
export interface Clock {
  now(): Instant;
  /** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
