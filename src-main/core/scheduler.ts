import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { Disposable } from './lifecycle.ts';

/** Runs work at an instant. Passed in, so that polling can be tested with a fake clock. */
export interface Scheduler {
  /** Calls `run` at `at`, or as soon as possible if `at` has passed. Dispose to cancel. */
  at(at: Instant, run: () => void): Disposable;
}
