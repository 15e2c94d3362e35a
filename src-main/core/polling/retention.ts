import type { Clock } from '../clock.ts';
import type { HistoryStore, RetentionPolicy } from '../history-store.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { Scheduler } from '../scheduler.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The periodic retention job: a few minutes after start (not on the start-up path), then daily,
 * old hourly history is compacted to one point per day. Idempotent, so a missed or repeated run
 * changes nothing.
 */
export function scheduleRetention(
  deps: {
    readonly scheduler: Scheduler;
    readonly clock: Clock;
    readonly store: HistoryStore;
    readonly log: Logger;
  },
  policy: () => RetentionPolicy,
  firstDelayMs = 3 * MINUTE_MS,
): Disposable {
  let timer: Disposable | null = null;
  let stopped = false;
  const run = () => {
    try {
      const report = deps.store.compact(deps.clock.now(), policy());
      if (report.rowsAfter < report.rowsBefore) deps.log.info('history compacted', { ...report });
    } catch (error) {
      deps.log.error('history compaction failed; it is tried again tomorrow', {
        error: String(error),
      });
    }
    if (!stopped) timer = deps.scheduler.at(deps.clock.now() + DAY_MS, run);
  };
  timer = deps.scheduler.at(deps.clock.now() + firstDelayMs, run);
  return {
    dispose: () => {
      stopped = true;
      timer?.dispose();
    },
  };
}
