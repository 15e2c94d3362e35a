import type { Scheduler } from '../core/scheduler.ts';
import { toDisposable } from '../core/lifecycle.ts';

/** setTimeout's longest delay; longer waits are chained. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export const systemScheduler: Scheduler = {
  at(at, run) {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      timer = setTimeout(delay > MAX_DELAY_MS ? arm : run, Math.min(delay, MAX_DELAY_MS));
      // Polling timers must not keep a CLI process alive; the app's event loop lives anyway.
      timer.unref();
    };
    arm();
    return toDisposable(() => clearTimeout(timer));
  },
};
