import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Scheduler } from '../scheduler.ts';

/**
 * A run that has to wait until an instant, such as a refresh the user asked for inside the
 * provider's minimum interval. Callers in the meantime join the one pending run; when its
 * time comes it runs and they get its outcome. If another run makes it unnecessary (the
 * regular poll came first), or none will come (shutdown, the account was removed),
 * `release()` lets them go at once.
 */
export class PendingRun {
  readonly #scheduler: Scheduler;
  #pending: {
    readonly at: Instant;
    readonly timer: Disposable;
    readonly done: Promise<void>;
    readonly settle: (outcome: Promise<void>) => void;
  } | null = null;

  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  /** When the pending run is due, or null if none is waiting. */
  get at(): Instant | null {
    return this.#pending?.at ?? null;
  }

  /** Schedules `run` at `at`, or joins the run already waiting; resolves as that run does. */
  join(at: Instant, run: () => Promise<void>): Promise<void> {
    if (this.#pending) return this.#pending.done;
    let settle!: (outcome: Promise<void>) => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const timer = this.#scheduler.at(at, () => {
      this.#pending = null;
      try {
        settle(run());
      } catch (error) {
        settle(Promise.reject(error instanceof Error ? error : new Error(String(error))));
      }
    });
    this.#pending = { at, timer, done, settle };
    return done;
  }

  /** Cancels the waiting run, if any, and resolves those who joined it. */
  release(): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.timer.dispose();
    pending?.settle(Promise.resolve());
  }
}
