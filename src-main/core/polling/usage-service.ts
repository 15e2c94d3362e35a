import type { Account } from '../../../src-shared/domain/account.ts';
import type { Config } from '../../../src-shared/domain/config.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import type { UsageState } from '../../../src-shared/ipc/contract.ts';
import type { ProviderRegistry } from '../../providers/index.ts';
import type { ProviderAdapter } from '../../providers/provider.ts';
import { currentFetchRange, effectiveAccounts, pollIntervalMinutes } from '../accounts.ts';
import type { AlertEvent } from '../alerts/alert-schema.ts';
import { AlertsRunner } from './alerts-runner.ts';
import type { Clock } from '../clock.ts';
import { Semaphore } from '../concurrency.ts';
import type { HistoryStore, PollRecord } from '../history-store.ts';
import type { HttpClient } from '../http.ts';
import { DisposableStore, Emitter, type Disposable } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import { readAccount, type AccountReading } from '../read-account.ts';
import type { Scheduler } from '../scheduler.ts';
import { manualPollAt, nextPollAt, type PollHistory } from '../schedule/next-poll.ts';
import { PendingRun } from '../schedule/pending-run.ts';
import { SingleFlight } from '../schedule/single-flight.ts';
import type { SecretStore } from '../secrets.ts';
import { internalFailureStatus, pollHistoryOf, unreadablePollHistory } from './account-status.ts';
import { toPollRecord } from './poll-record.ts';
import { BackfillRetry, backfillRange } from './backfill.ts';
import { accountSnapshot, pendingSnapshot } from './snapshot-from-store.ts';

export interface UsageServiceDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly http: HttpClient;
  readonly secrets: SecretStore;
  readonly store: HistoryStore;
  readonly providers: ProviderRegistry;
  readonly log: Logger;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random: () => number;
  /** The user's IANA zone: quiet hours and clock times in alert texts. */
  readonly timeZone: string;
  /** Evaluate alerts (the app). The CLI only reads, so that it never eats a notification. */
  readonly alerts: boolean;
  /** Fetch earlier periods after an account's first good poll (the app); default true. */
  readonly backfill?: boolean;
}

/**
 * Accounts of one provider polled at once. The concurrency model: this bounds how many polls
 * (and backfills) of one provider run together; within a poll, the adapter keeps at most its
 * descriptor's maxConcurrency requests in flight. So one provider may see up to
 * ACCOUNTS_PER_PROVIDER × maxConcurrency requests at once. That is deliberate: providers limit
 * requests per API key, and accounts normally have keys of their own; an adapter whose accounts
 * share a limit (a key used by several accounts, one server's limit) paces its own requests,
 * and a 429 backs the account off by the provider's Retry-After. A provider-wide request cap
 * here would only let one slow account hold up the others.
 */
const ACCOUNTS_PER_PROVIDER = 16;
/** Snapshots are recomputed this often even without polls: periods roll over, data goes stale. */
const REFRESH_TICK_MS = 5 * 60_000;

/** What an account's snapshot is computed from. */
interface RuntimeBasis {
  account: Account;
  adapter: ProviderAdapter;
  /** Fields still missing after the last poll (kept in memory: the store keeps only a message). */
  missingCredentials: readonly string[] | null;
}

interface Runtime extends RuntimeBasis {
  timer: Disposable | null;
  /** When the scheduled poll is due (shown as the next try after a failure). */
  nextPollAt: Instant | null;
  snapshot: AccountSnapshot;
  /** The poll a refresh inside the provider's minimum interval scheduled, until it runs. */
  readonly manual: PendingRun;
  readonly backfillRetry: BackfillRetry;
}

/**
 * The polling service: schedules every enabled account by the pure timing rules, reads it
 * through its adapter (a per-provider limit, an abort on shutdown), writes each result to the
 * history store in one transaction, computes snapshots from the store, runs the alert rules and
 * tells its listeners. A manual refresh joins a poll already in flight.
 */
export type { UsageState };

export class UsageService {
  private readonly deps: UsageServiceDeps;
  private config: Config;
  private readonly runtimes = new Map<string, Runtime>();
  private readonly flights = new SingleFlight<string, void>();
  private readonly limits = new Map<string, Semaphore>();
  private readonly stopping = new AbortController();
  private readonly disposables = new DisposableStore();
  private readonly alerts: AlertsRunner | null;
  private readonly changed = new Emitter<UsageState>();
  private tick: Disposable | null = null;
  private resumedAt: Instant | null = null;
  private started = false;

  /** Fires with the whole state whenever a snapshot changes. */
  readonly onDidChange = this.changed.event;
  /** Fires with notifications to show now. */
  readonly onAlerts: (listener: (events: readonly AlertEvent[]) => void) => Disposable;

  constructor(deps: UsageServiceDeps, config: Config) {
    this.deps = deps;
    this.config = config;
    this.alerts = deps.alerts ? this.disposables.add(new AlertsRunner(deps)) : null;
    this.onAlerts = this.alerts?.onAlerts ?? ((_listener) => ({ dispose: () => {} }));
    this.syncAccounts();
  }

  /** Starts the schedule. Snapshots from the stored history are available before the first poll. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const runtime of this.runtimes.values()) this.schedule(runtime);
    this.armTick();
  }

  state(): UsageState {
    return {
      accounts: [...this.runtimes.values()].map((r) => r.snapshot),
      generatedAt: this.deps.clock.now(),
      notificationsPausedUntil: this.alerts?.pausedUntil(this.deps.clock.now()) ?? null,
      snoozedUntil: this.alerts?.snoozedUntil(this.deps.clock.now()) ?? {},
    };
  }

  /** Takes a new config: accounts added, removed or changed, new alert settings. */
  updateConfig(config: Config): void {
    this.config = config;
    this.syncAccounts();
    if (this.started) for (const runtime of this.runtimes.values()) this.schedule(runtime);
    this.alerts?.prune([...this.runtimes.keys()]);
    this.emit();
  }

  /**
   * Polls now (one account, or all) and resolves once those polls are done; a poll in flight is
   * joined. An account inside its provider's minimum interval or Retry-After is polled as soon
   * as that allows: the poll is scheduled then (later refreshes join it), and not waited for, so
   * that a click does not hang for minutes. Returns those polls, and when they will run.
   */
  async refresh(
    accountId?: string,
  ): Promise<readonly { readonly accountId: string; readonly at: Instant }[]> {
    const { runs } = this.requestRefresh(accountId);
    const now = this.deps.clock.now();
    await Promise.all(runs.filter((run) => run.at <= now).map((run) => run.done));
    return runs
      .filter((run) => run.at > now)
      .map(({ accountId: id, at }) => ({ accountId: id, at }));
  }

  /**
   * Polls (or schedules polls of) one account or all, as refresh() does, and says when each
   * runs: `at` is now, or the moment the provider allows. A scheduled poll's `done` settles
   * when it has run, and never rejects: its failure shows in the account's status.
   */
  requestRefresh(accountId?: string): {
    readonly runs: readonly { accountId: string; at: Instant; done: Promise<void> }[];
  } {
    const now = this.deps.clock.now();
    const targets = [...this.runtimes.values()].filter(
      (r) => r.account.enabled && (accountId === undefined || r.account.id === accountId),
    );
    const runs = targets.map((runtime) => {
      const id = runtime.account.id;
      if (this.flights.isRunning(id)) return { accountId: id, at: now, done: this.poll(runtime) };
      const at = manualPollAt({
        now,
        minIntervalMinutes: runtime.adapter.descriptor.minPollMinutes,
        ...pollHistoryOf(this.deps.store.polls(id, 1)),
      });
      if (at <= now) return { accountId: id, at, done: this.poll(runtime) };
      const done = runtime.manual.join(at, () => this.poll(runtime).catch(() => {}));
      // A refresh already waiting is joined: its time is the one that holds.
      return { accountId: id, at: runtime.manual.at ?? at, done };
    });
    return { runs };
  }

  /** Polls every enabled account once, now, and returns the state (the CLI's `check`). */
  async pollAllOnce(): Promise<UsageState> {
    await Promise.all(
      [...this.runtimes.values()].filter((r) => r.account.enabled).map((r) => this.poll(r)),
    );
    return this.state();
  }

  /** The machine woke: overdue accounts poll once, soon (not once per missed interval). */
  wake(resumedAt: Instant): void {
    this.resumedAt = resumedAt;
    if (this.started) for (const runtime of this.runtimes.values()) this.schedule(runtime);
    this.recompute();
  }

  pauseNotifications(until: Instant | null): void {
    this.alerts?.pause(until);
    this.emit();
  }

  snooze(accountId: string, until: Instant | null): void {
    this.alerts?.snooze(accountId, until);
    this.emit();
  }

  /** Stops timers, aborts polls in flight and waits for them to settle. */
  async stop(): Promise<void> {
    this.tick?.dispose();
    for (const runtime of this.runtimes.values()) {
      runtime.timer?.dispose();
      runtime.manual.release();
    }
    this.stopping.abort(new Error('Cloudmeter is shutting down'));
    await Promise.allSettled(this.flights.inFlight());
    this.disposables.dispose();
  }

  private syncAccounts(): void {
    const accounts = effectiveAccounts(this.config);
    const wanted = new Set(accounts.map((a) => a.id));
    for (const [id, runtime] of this.runtimes) {
      if (!wanted.has(id)) {
        runtime.timer?.dispose();
        runtime.manual.release();
        this.runtimes.delete(id);
      }
    }
    for (const account of accounts) {
      const adapter = this.deps.providers.adapterFor(account.provider);
      if (!adapter) continue; // config validation already refused it
      const previous = this.runtimes.get(account.id);
      if (previous) {
        // Mutated, not replaced: a poll in flight for this account still lands.
        previous.account = account;
        previous.adapter = adapter;
        this.updateSnapshot(previous);
      } else {
        const runtime: Runtime = {
          account,
          adapter,
          missingCredentials: null,
          timer: null,
          nextPollAt: null,
          snapshot: pendingSnapshot(account, adapter.descriptor),
          manual: new PendingRun(this.deps.scheduler),
          backfillRetry: new BackfillRetry(),
        };
        this.runtimes.set(account.id, runtime);
        this.updateSnapshot(runtime);
      }
    }
  }

  private snapshotOf(runtime: RuntimeBasis): AccountSnapshot {
    return accountSnapshot(this.deps.store, {
      account: runtime.account,
      descriptor: runtime.adapter.descriptor,
      missingCredentials: runtime.missingCredentials,
      alerts: this.config.alerts,
      now: this.deps.clock.now(),
    });
  }

  /**
   * Recomputes a snapshot from the store. A read that fails keeps the last snapshot, with the
   * failure as its status, instead of breaking the caller (a poll, the refresh tick).
   */
  private updateSnapshot(runtime: Runtime): void {
    try {
      runtime.snapshot = this.snapshotOf(runtime);
    } catch (error) {
      this.showFailure(runtime, error);
    }
  }

  private showFailure(runtime: Runtime, error: unknown): void {
    this.deps.log.error('could not update an account', {
      account: runtime.account.id,
      error: String(error),
    });
    runtime.snapshot = {
      ...runtime.snapshot,
      status: internalFailureStatus(error, runtime.nextPollAt),
    };
  }

  private timingHistory(runtime: Runtime): PollHistory {
    try {
      return pollHistoryOf(this.deps.store.polls(runtime.account.id, 20));
    } catch (error) {
      this.deps.log.error('could not read poll history; retrying soon', {
        account: runtime.account.id,
        error: String(error),
      });
      return unreadablePollHistory(this.deps.clock.now());
    }
  }

  private schedule(runtime: Runtime): void {
    runtime.timer?.dispose();
    runtime.timer = null;
    runtime.nextPollAt = null;
    if (!runtime.account.enabled || this.stopping.signal.aborted) return;
    const { at } = nextPollAt({
      now: this.deps.clock.now(),
      intervalMinutes: pollIntervalMinutes(runtime.account, runtime.adapter.descriptor),
      minIntervalMinutes: runtime.adapter.descriptor.minPollMinutes,
      resumedAt: this.resumedAt,
      random: this.deps.random,
      ...this.timingHistory(runtime),
    });
    runtime.nextPollAt = at;
    // poll() re-arms this timer however the poll ends; a failure is already shown and logged.
    runtime.timer = this.deps.scheduler.at(at, () => void this.poll(runtime).catch(() => {}));
  }

  private limitFor(provider: string): Semaphore {
    let limit = this.limits.get(provider);
    if (!limit) this.limits.set(provider, (limit = new Semaphore(ACCOUNTS_PER_PROVIDER)));
    return limit;
  }

  /**
   * Polls the account (or joins its poll in flight). However the poll ends, the next one is
   * scheduled and refreshes waiting for it are released; a failure of our own (a store read
   * after the poll was saved) becomes the account's status, and still rejects for the caller.
   */
  private poll(runtime: Runtime): Promise<void> {
    return this.flights.run(runtime.account.id, async () => {
      let failure: { error: unknown } | null = null;
      try {
        await this.limitFor(runtime.account.provider).use(() => this.pollNow(runtime));
      } catch (error) {
        failure = { error };
        throw error;
      } finally {
        if (this.runtimes.get(runtime.account.id) === runtime) {
          if (this.started) this.schedule(runtime);
          runtime.manual.release(); // a scheduled refresh is done: this poll is its poll
          if (failure && !this.stopping.signal.aborted) {
            this.showFailure(runtime, failure.error);
            this.emit();
          }
        }
      }
    }).promise;
  }

  private async pollNow(runtime: Runtime): Promise<void> {
    const { account, adapter } = runtime;
    const startedAt = this.deps.clock.now();
    const range = currentFetchRange(account, adapter.descriptor, startedAt);
    let reading: AccountReading;
    try {
      reading = await readAccount(this.deps, adapter, account, range, this.stopping.signal);
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      throw error;
    }
    if (this.runtimes.get(account.id) !== runtime) return; // removed while in flight
    runtime.missingCredentials =
      !reading.ok && reading.status.state === 'needs-credentials' ? reading.status.missing : null;
    this.record(toPollRecord(account, startedAt, range, reading, this.deps.clock.now()));
    runtime.snapshot = this.snapshotOf(runtime);
    this.alerts?.evaluate(
      runtime.snapshot,
      account,
      this.config,
      this.deps.store.lastSuccess(account.id)?.finishedAt ?? null,
    );
    this.emit();
    if (reading.ok && this.backfillDue(runtime)) {
      this.backfill(runtime, range.start).catch((error: unknown) =>
        this.deps.log.error('history backfill failed', {
          account: account.id,
          error: String(error),
        }),
      );
    }
  }

  private backfillDue(runtime: Runtime): boolean {
    return (
      this.deps.backfill !== false &&
      runtime.backfillRetry.due(this.deps.clock.now()) &&
      !this.deps.store.hasBackfilled(runtime.account.id)
    );
  }

  /** History before the current period, fetched once, in the background, after a first good poll. */
  private backfill(runtime: Runtime, before: Instant): Promise<void> {
    const { account, adapter } = runtime;
    const range = backfillRange(adapter.descriptor, before);
    if (!range) return Promise.resolve();
    return this.flights.run(`backfill:${account.id}`, () =>
      this.limitFor(account.provider).use(async () => {
        const startedAt = this.deps.clock.now();
        const reading = await readAccount(
          this.deps,
          adapter,
          account,
          range,
          this.stopping.signal,
        ).catch(() => null);
        if (!reading || this.runtimes.get(account.id) !== runtime) return;
        const saved = this.record({
          ...toPollRecord(account, startedAt, range, reading, this.deps.clock.now()),
          kind: 'backfill',
        });
        if (reading.ok && saved) {
          runtime.backfillRetry.succeeded();
        } else {
          const retryAt = runtime.backfillRetry.failed(this.deps.clock.now(), this.deps.random);
          this.deps.log.warn(
            'history backfill failed; it is tried again with the first good poll after retryAt',
            {
              account: account.id,
              retryAt: new Date(retryAt).toISOString(),
            },
          );
        }
        this.updateSnapshot(runtime);
        this.emit();
      }),
    ).promise;
  }

  /** Writes a poll; a store failure is logged and the app carries on with what it has. */
  private record(record: PollRecord): boolean {
    try {
      this.deps.store.recordPoll(record);
      return true;
    } catch (error) {
      this.deps.log.error('could not write to the history database', {
        account: record.accountId,
        error: String(error),
      });
      return false;
    }
  }

  private recompute(): void {
    for (const runtime of this.runtimes.values()) this.updateSnapshot(runtime);
    this.emit();
  }

  private armTick(): void {
    this.tick = this.deps.scheduler.at(this.deps.clock.now() + REFRESH_TICK_MS, () => {
      try {
        this.recompute();
      } finally {
        if (!this.stopping.signal.aborted) this.armTick();
      }
    });
  }

  private emit(): void {
    this.changed.fire(this.state());
  }
}
