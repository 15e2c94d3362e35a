import type { ProviderErrorKind } from '../../src-shared/domain/errors.ts';
import type { Meter, Sample, SampleRun } from '../../src-shared/domain/meter.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import type {
  Notice,
  ProviderForecast,
  ProviderQuota,
  ProviderUsage,
} from '../../src-shared/domain/usage.ts';

/** One finished attempt to read an account. */
export interface PollRecord {
  /** `backfill`: a read of earlier periods for history, not the current one. Default `poll`. */
  readonly kind?: 'poll' | 'backfill';
  readonly accountId: string;
  readonly provider: ProviderId;
  readonly startedAt: Instant;
  readonly finishedAt: Instant;
  readonly outcome: 'ok' | 'error' | 'needs-credentials';
  readonly error?: {
    readonly kind: ProviderErrorKind | 'needs-credentials';
    readonly message: string;
    /** The provider's Retry-After, when it gave one. */
    readonly retryAfterMs?: number | null;
  };
  /** The time range the poll asked for. */
  readonly range?: { readonly start: Instant; readonly end: Instant };
  /** What the adapter returned, on success. */
  readonly usage?: ProviderUsage;
}

export interface PollRow {
  readonly id: number;
  readonly kind: 'poll' | 'backfill';
  readonly accountId: string;
  readonly startedAt: Instant;
  readonly finishedAt: Instant;
  readonly outcome: PollRecord['outcome'];
  readonly errorKind: string | null;
  readonly errorMessage: string | null;
  readonly retryAfterMs: number | null;
  readonly sampleCount: number;
}

/** What the provider last said about an account besides samples, kept to rebuild snapshots. */
export interface StoredAccountState {
  readonly quotas: readonly ProviderQuota[];
  readonly forecasts: readonly ProviderForecast[];
  readonly notices: readonly Notice[];
  readonly dataAsOf: Instant | null;
  readonly fetchedAt: Instant;
}

export interface SampleQuery {
  readonly accountId: string;
  readonly meterIds?: readonly string[];
  /** Inclusive. */
  readonly from: Instant;
  /** Exclusive. */
  readonly to: Instant;
}

export interface ExportFilter {
  readonly accountIds?: readonly string[];
  readonly from?: Instant;
  readonly to?: Instant;
}

export interface ExportRow {
  readonly accountId: string;
  readonly provider: ProviderId;
  readonly meter: Meter;
  readonly at: Instant;
  readonly value: number;
}

/** How long detail is kept: hourly points for `hourlyDays`, then one point per day, forever. */
export interface RetentionPolicy {
  readonly hourlyDays: number;
}

export interface CompactionReport {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
}

/**
 * Usage history, poll records and alert state. The app's implementation is SQLite
 * (src-main/platform/storage/); it is synchronous because better-sqlite3 is, and every write
 * that belongs together happens in one transaction, so a crash never leaves half a poll.
 */
export interface HistoryStore {
  /**
   * Records a poll: the poll row and, on success, its meters, its samples (a sample with the
   * same meter and instant replaces the stored one) and the provider's quotas, forecasts and
   * notices — all in one transaction. Returns the poll id.
   */
  recordPoll(record: PollRecord): number;
  meters(accountId: string): Meter[];
  samples(query: SampleQuery): Sample[];
  /** The same samples as one run of parallel arrays per meter (long series for charts). */
  sampleRuns(query: SampleQuery): SampleRun[];
  /** The first and last sample instants of an account, or null without history. */
  sampleSpan(accountId: string): { readonly first: Instant; readonly last: Instant } | null;
  accountState(accountId: string): StoredAccountState | null;
  /** The most recent regular polls of an account (not backfills), newest first. */
  polls(accountId: string, limit: number): PollRow[];
  lastSuccess(accountId: string): PollRow | null;
  /** Whether a history backfill of the account has completed. */
  hasBackfilled(accountId: string): boolean;
  /** The alert engine's serialized state (validated by the caller), or null. */
  loadAlertState(): unknown;
  saveAlertState(state: unknown): void;
  exportSamples(filter: ExportFilter): Iterable<ExportRow>;
  /** Applies the retention policy to data older than the cut-off; idempotent. */
  compact(now: Instant, policy: RetentionPolicy): CompactionReport;
  /** Forgets everything stored for an account (it was removed). */
  deleteAccount(accountId: string): void;
  close(): void;
}
