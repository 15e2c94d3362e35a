import type { Account } from '../../../src-shared/domain/account.ts';
import type { Config } from '../../../src-shared/domain/config.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import type { AlertEvent } from '../alerts/alert-schema.ts';
import {
  emptyAlertState,
  parseAlertState,
  pauseNotifications,
  pruneAlertState,
  serializeAlertState,
  snoozeAccount,
} from '../alerts/alert-state.ts';
import { releaseAlerts, runAlerts } from '../alerts/evaluate.ts';
import type { Clock } from '../clock.ts';
import type { HistoryStore } from '../history-store.ts';
import { Emitter, type Disposable } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { Scheduler } from '../scheduler.ts';

interface AlertsDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly store: HistoryStore;
  readonly log: Logger;
  readonly timeZone: string;
}

/**
 * Holds the alert engine's state for the polling service: loads it from the history store,
 * runs the rules after each poll, stores the new state BEFORE anything is shown (so a crash
 * right after never notifies twice), and releases held alerts when quiet hours end.
 */
export class AlertsRunner implements Disposable {
  private readonly deps: AlertsDeps;
  private state = emptyAlertState();
  private quietHours: Config['alerts']['quietHours'];
  private release: Disposable | null = null;
  private readonly alerts = new Emitter<readonly AlertEvent[]>();
  readonly onAlerts = this.alerts.event;

  constructor(deps: AlertsDeps) {
    this.deps = deps;
    const stored = deps.store.loadAlertState();
    if (stored !== null) {
      try {
        this.state = parseAlertState(JSON.stringify(stored));
      } catch (error) {
        // Starting over may repeat a notification once; refusing to start would be worse.
        deps.log.warn('stored alert state is unreadable; starting with a fresh one', {
          error: String(error),
        });
      }
    }
  }

  evaluate(
    snapshot: AccountSnapshot,
    account: Account,
    config: Config,
    lastSuccessAt: Instant | null,
  ): void {
    this.quietHours = config.alerts.quietHours;
    const result = runAlerts(this.state, {
      now: this.deps.clock.now(),
      snapshot,
      account,
      settings: config.alerts,
      units: config.preferences.units,
      timeZone: this.deps.timeZone,
      lastSuccessAt,
    });
    this.commit(result.state, result.deliver, result.nextReleaseAt);
  }

  pause(until: Instant | null): void {
    this.commit(pauseNotifications(this.state, until), [], null);
  }

  snooze(accountId: string, until: Instant | null): void {
    this.commit(snoozeAccount(this.state, accountId, until), [], null);
  }

  prune(accountIds: readonly string[]): void {
    this.commit(pruneAlertState(this.state, accountIds), [], null);
  }

  /** Accounts snoozed at `now`, until when. */
  snoozedUntil(now: Instant): Record<string, Instant> {
    const snoozed: Record<string, Instant> = {};
    for (const [id, account] of Object.entries(this.state.accounts)) {
      if (account.snoozedUntil !== null && account.snoozedUntil > now)
        snoozed[id] = account.snoozedUntil;
    }
    return snoozed;
  }

  pausedUntil(now: Instant): Instant | null {
    return this.state.pausedUntil !== null && this.state.pausedUntil > now
      ? this.state.pausedUntil
      : null;
  }

  dispose(): void {
    this.release?.dispose();
  }

  private commit(
    state: typeof this.state,
    deliver: readonly AlertEvent[],
    nextReleaseAt: Instant | null,
  ): void {
    this.state = state;
    try {
      this.deps.store.saveAlertState(JSON.parse(serializeAlertState(state)) as unknown);
    } catch (error) {
      this.deps.log.error('could not save alert state', { error: String(error) });
    }
    if (nextReleaseAt !== null) {
      this.release?.dispose();
      this.release = this.deps.scheduler.at(nextReleaseAt, () => {
        const released = releaseAlerts(this.state, {
          now: this.deps.clock.now(),
          quietHours: this.quietHours,
          timeZone: this.deps.timeZone,
        });
        this.commit(released.state, released.deliver, released.nextReleaseAt);
      });
    }
    if (deliver.length > 0) this.alerts.fire(deliver);
  }
}
