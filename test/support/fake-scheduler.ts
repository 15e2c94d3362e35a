import type { Scheduler } from '../../src-main/core/scheduler.ts';
import { toDisposable } from '../../src-main/core/lifecycle.ts';
import type { FakeClock } from './fake-clock.ts';

interface Timer {
  readonly at: number;
  readonly run: () => void;
  cancelled: boolean;
}

/** A scheduler driven by a FakeClock: `advanceTo` moves time and runs what came due, in order. */
export class FakeScheduler implements Scheduler {
  private readonly timers: Timer[] = [];
  private readonly clock: FakeClock;

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  at(at: number, run: () => void) {
    const timer: Timer = { at, run, cancelled: false };
    this.timers.push(timer);
    return toDisposable(() => (timer.cancelled = true));
  }

  /** When the next live timer is due, or null. */
  nextDue(): number | null {
    const live = this.timers.filter((t) => !t.cancelled);
    return live.length === 0 ? null : Math.min(...live.map((t) => t.at));
  }

  pending(): number[] {
    return this.timers
      .filter((t) => !t.cancelled)
      .map((t) => t.at)
      .sort((a, b) => a - b);
  }

  /** Moves the clock to `at`, firing every timer due by then (and those they schedule). */
  advanceTo(at: number | string): void {
    const target = new Date(at).getTime();
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= target)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      if (due.at > this.clock.now()) this.clock.set(due.at);
      due.run();
    }
    if (target > this.clock.now()) this.clock.set(target);
  }
}
