import type { Account } from '../../../src-shared/domain/account.ts';
import type { Config } from '../../../src-shared/domain/config.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountSnapshot, AccountStatus } from '../../../src-shared/domain/usage.ts';
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
import { manualPollAt, nextPollAt } from '../schedule/next-poll.ts';
import { SingleFlight } from '../schedule/single-flight.ts';
import type { SecretStore } from '../secrets.ts';
import { accountStatus, pollHistoryOf } from './account-status.ts';
import { backfillRange } from './backfill.ts';
import { snapshotFromStore } from './snapshot-from-store.ts';

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

/** Accounts of one provider polled at once (on top of each adapter's own request limit). */
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
  snapshot: AccountSnapshot;
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

  /** Polls now (one account, or all): joins a poll in flight; waits for a provider's minimum interval or Retry-After. */
  async refresh(accountId?: string): Promise<void> {
    const targets = [...this.runtimes.values()].filter(
      (r) => r.account.enabled && (accountId === undefined || r.account.id === accountId),
    );
    await Promise.all(
      targets.map((runtime) => {
        const due = manualPollAt({
          now: this.deps.clock.now(),
          minIntervalMinutes: runtime.adapter.descriptor.minPollMinutes,
          ...pollHistoryOf(this.deps.store.polls(runtime.account.id, 1)),
        });
        return due <= this.deps.clock.now() ? this.poll(runtime) : Promise.resolve();
      }),
    );
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
    for (const runtime of this.runtimes.values()) runtime.timer?.dispose();
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
        previous.snapshot = this.snapshotOf(previous);
      } else {
        const basis = { account, adapter, missingCredentials: null };
        this.runtimes.set(account.id, { ...basis, timer: null, snapshot: this.snapshotOf(basis) });
      }
    }
  }

  private statusOf(runtime: RuntimeBasis): AccountStatus {
    const id = runtime.account.id;
    return accountStatus({
      enabled: runtime.account.enabled,
      lastPoll: this.deps.store.polls(id, 1)[0] ?? null,
      lastSuccessAt: this.deps.store.lastSuccess(id)?.finishedAt ?? null,
      missingCredentials: runtime.missingCredentials,
      staleAfterHours: this.config.alerts.staleAfterHours,
      now: this.deps.clock.now(),
    });
  }

  private snapshotOf(runtime: RuntimeBasis): AccountSnapshot {
    const { account, adapter } = runtime;
    return snapshotFromStore(
      this.deps.store,
      account,
      adapter.descriptor,
      this.statusOf(runtime),
      this.config.alerts,
      this.deps.clock.now(),
    );
  }

  private schedule(runtime: Runtime): void {
    runtime.timer?.dispose();
    runtime.timer = null;
    if (!runtime.account.enabled || this.stopping.signal.aborted) return;
    const { at } = nextPollAt({
      now: this.deps.clock.now(),
      intervalMinutes: pollIntervalMinutes(runtime.account, runtime.adapter.descriptor),
      minIntervalMinutes: runtime.adapter.descriptor.minPollMinutes,
      resumedAt: this.resumedAt,
      random: this.deps.random,
      ...pollHistoryOf(this.deps.store.polls(runtime.account.id, 20)),
    });
    runtime.timer = this.deps.scheduler.at(at, () => void this.poll(runtime));
  }

  private limitFor(provider: string): Semaphore {
    let limit = this.limits.get(provider);
    if (!limit) this.limits.set(provider, (limit = new Semaphore(ACCOUNTS_PER_PROVIDER)));
    return limit;
  }

  private poll(runtime: Runtime): Promise<void> {
    return this.flights.run(runtime.account.id, () =>
      this.limitFor(runtime.account.provider).use(() => this.pollNow(runtime)),
    ).promise;
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
    if (this.started) this.schedule(runtime);
    if (reading.ok && this.deps.backfill !== false && !this.deps.store.hasBackfilled(account.id)) {
      void this.backfill(runtime, range.start);
    }
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
        if (!reading.ok)
          this.deps.log.warn('history backfill failed; it is tried again at the next start', {
            account: account.id,
          });
        this.record({
          ...toPollRecord(account, startedAt, range, reading, this.deps.clock.now()),
          kind: 'backfill',
        });
        runtime.snapshot = this.snapshotOf(runtime);
        this.emit();
      }),
    ).promise;
  }

  /** Writes a poll; a store failure is logged and the app carries on with what it has. */
  private record(record: PollRecord): void {
    try {
      this.deps.store.recordPoll(record);
    } catch (error) {
      this.deps.log.error('could not write to the history database', {
        account: record.accountId,
        error: String(error),
      });
    }
  }

  private recompute(): void {
    for (const runtime of this.runtimes.values()) runtime.snapshot = this.snapshotOf(runtime);
    this.emit();
  }

  private armTick(): void {
    this.tick = this.deps.scheduler.at(this.deps.clock.now() + REFRESH_TICK_MS, () => {
      this.recompute();
      if (!this.stopping.signal.aborted) this.armTick();
    });
  }

  private emit(): void {
    this.changed.fire(this.state());
  }
}

function toPollRecord(
  account: Account,
  startedAt: Instant,
  range: { start: Instant; end: Instant },
  reading: AccountReading,
  finishedAt: Instant,
): PollRecord {
  const base = { accountId: account.id, provider: account.provider, startedAt, finishedAt, range };
  if (reading.ok) return { ...base, outcome: 'ok', usage: reading.usage };
  if (reading.status.state === 'needs-credentials') {
    return {
      ...base,
      outcome: 'needs-credentials',
      error: {
        kind: 'needs-credentials',
        message: `missing: ${reading.status.missing.join(', ')}`,
      },
    };
  }
  const retryAfterMs = reading.status.retryAt === null ? null : reading.status.retryAt - reading.at;
  return {
    ...base,
    outcome: 'error',
    error: { kind: reading.status.kind, message: reading.status.message, retryAfterMs },
  };
}
