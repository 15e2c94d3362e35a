import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import {
  MeterSchema,
  type Meter,
  type Sample,
  type SampleRun,
} from '../../../src-shared/domain/meter.ts';
import { ProviderIdSchema } from '../../../src-shared/domain/provider-id.ts';
import {
  NoticeSchema,
  ProviderForecastSchema,
  ProviderQuotaSchema,
} from '../../../src-shared/domain/usage.ts';
import type {
  CompactionReport,
  ExportFilter,
  ExportRow,
  HistoryStore,
  PollRecord,
  PollRow,
  RetentionPolicy,
  SampleQuery,
  StoredAccountState,
} from '../../core/history-store.ts';
import type { Logger } from '../../core/logger.ts';
import { compactMeter } from './compaction.ts';
import { sqliteCode } from './sqlite-errors.ts';

/** Rows per INSERT statement (5 parameters each; SQLite allows 32,766 parameters). */
const BATCH_ROWS = 500;

/** Samples read per query while exporting: bounded memory, few round trips. */
const EXPORT_PAGE_ROWS = 5000;

const StoredStateSchema = z.object({
  quotas: z.array(ProviderQuotaSchema),
  forecasts: z.array(ProviderForecastSchema),
  notices: z.array(NoticeSchema),
});

interface MeterRow {
  key: number;
  account_id: string;
  provider: string;
  definition: string;
}

interface PollDbRow {
  id: number;
  kind: 'poll' | 'backfill';
  account_id: string;
  started_at: number;
  finished_at: number;
  outcome: PollRecord['outcome'];
  error_kind: string | null;
  error_message: string | null;
  retry_after_ms: number | null;
  sample_count: number;
}

const toPoll = (r: PollDbRow): PollRow => ({
  id: r.id,
  kind: r.kind,
  accountId: r.account_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  errorKind: r.error_kind,
  errorMessage: r.error_message,
  retryAfterMs: r.retry_after_ms,
  sampleCount: r.sample_count,
});

/**
 * The history store on SQLite (better-sqlite3). Statements are prepared once; a poll is
 * written in one transaction; rows read back are validated, and a row that no longer parses
 * is skipped with a warning instead of breaking every view.
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly db: Database;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sql: Record<string, Statement>;
  private readonly batches = new Map<number, Statement>();

  constructor(db: Database, log: Logger, now: () => number) {
    this.db = db;
    this.log = log;
    this.now = now;
    this.sql = {
      insertPoll: db.prepare(
        `INSERT INTO polls (kind, account_id, provider, started_at, finished_at, outcome, error_kind, error_message, retry_after_ms, range_start, range_end, sample_count)
         VALUES (@kind, @accountId, @provider, @startedAt, @finishedAt, @outcome, @errorKind, @errorMessage, @retryAfterMs, @rangeStart, @rangeEnd, @sampleCount)`,
      ),
      upsertMeter: db.prepare(
        `INSERT INTO meters (account_id, meter_id, provider, definition, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id, meter_id) DO UPDATE SET definition = excluded.definition, provider = excluded.provider, updated_at = excluded.updated_at
         RETURNING key`,
      ),
      upsertState: db.prepare(
        `INSERT INTO account_state (account_id, quotas, forecasts, notices, data_as_of, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET quotas = excluded.quotas, forecasts = excluded.forecasts, notices = excluded.notices,
           data_as_of = excluded.data_as_of, fetched_at = excluded.fetched_at`,
      ),
      meters: db.prepare(
        'SELECT key, account_id, provider, definition FROM meters WHERE account_id = ? ORDER BY meter_id',
      ),
      samples: db.prepare(
        `SELECT m.meter_id, s.at, s.value, s.data_as_of, s.resolution FROM samples s JOIN meters m ON m.key = s.meter_key
         WHERE m.account_id = ? AND s.at >= ? AND s.at < ? ORDER BY m.meter_id, s.at`,
      ),
      samplesOfMeter: db.prepare(
        `SELECT m.meter_id, s.at, s.value, s.data_as_of, s.resolution FROM samples s JOIN meters m ON m.key = s.meter_key
         WHERE m.account_id = ? AND m.meter_id = ? AND s.at >= ? AND s.at < ? ORDER BY s.at`,
      ),
      state: db.prepare(
        'SELECT quotas, forecasts, notices, data_as_of, fetched_at FROM account_state WHERE account_id = ?',
      ),
      polls: db.prepare(
        `SELECT * FROM polls WHERE account_id = ? AND kind = 'poll' ORDER BY finished_at DESC, id DESC LIMIT ?`,
      ),
      lastSuccess: db.prepare(
        `SELECT * FROM polls WHERE account_id = ? AND kind = 'poll' AND outcome = 'ok' ORDER BY finished_at DESC, id DESC LIMIT 1`,
      ),
      span: db.prepare(
        `SELECT min(s.at) AS first, max(s.at) AS last FROM samples s JOIN meters m ON m.key = s.meter_key WHERE m.account_id = ?`,
      ),
      backfilled: db.prepare(
        `SELECT 1 FROM polls WHERE account_id = ? AND kind = 'backfill' AND outcome = 'ok' LIMIT 1`,
      ),
      loadAlerts: db.prepare('SELECT state FROM alert_state WHERE id = 1'),
      saveAlerts: db.prepare(
        'INSERT INTO alert_state (id, state, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
      ),
      allMeters: db.prepare(
        'SELECT key, account_id, provider, definition FROM meters ORDER BY account_id, meter_id',
      ),
      deleteAccount: db.prepare('DELETE FROM meters WHERE account_id = ?'),
      deleteState: db.prepare('DELETE FROM account_state WHERE account_id = ?'),
      deletePolls: db.prepare('DELETE FROM polls WHERE account_id = ?'),
      samplePage: db.prepare(
        'SELECT at, value FROM samples WHERE meter_key = ? AND at >= ? AND at < ? ORDER BY at LIMIT ?',
      ),
      countSamples: db.prepare('SELECT count(*) AS n FROM samples'),
      meterKey: db.prepare('SELECT key FROM meters WHERE account_id = ? AND meter_id = ?'),
      prunePolls: db.prepare(
        `DELETE FROM polls WHERE finished_at < ? AND id NOT IN (
           SELECT max(id) FROM polls WHERE outcome = 'ok' GROUP BY account_id, kind)`,
      ),
    };
  }

  /** Meter definitions as last committed, with their keys: an unchanged meter is not rewritten. */
  private readonly writtenMeters = new Map<string, { definition: string; key: number }>();

  recordPoll(record: PollRecord): number {
    try {
      return this.writePoll(record);
    } catch (error) {
      // The cache may name meter rows that are gone, deleted through another connection to
      // the file. Forget the account's keys; a foreign-key failure is that, so write once more.
      this.forgetMeters(record.accountId);
      if (sqliteCode(error) !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      return this.writePoll(record);
    }
  }

  private writePoll(record: PollRecord): number {
    // Meter keys this transaction wrote; cached only once it has committed, since a rollback
    // takes the rows away and a cached key would then point at nothing.
    const written = new Map<string, { definition: string; key: number }>();
    const id = this.db.transaction(() => {
      const usage = record.outcome === 'ok' ? record.usage : undefined;
      const { lastInsertRowid } = this.sql.insertPoll!.run({
        accountId: record.accountId,
        provider: record.provider,
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
        outcome: record.outcome,
        errorKind: record.error?.kind ?? null,
        kind: record.kind ?? 'poll',
        errorMessage: record.error?.message ?? null,
        retryAfterMs: record.error?.retryAfterMs ?? null,
        rangeStart: record.range?.start ?? null,
        rangeEnd: record.range?.end ?? null,
        sampleCount: usage?.samples.length ?? 0,
      });
      if (usage) {
        const keys = new Map<string, number>();
        // A backfill reads the past: it adds what is missing but must not replace the current
        // meter definitions or the provider's present quotas, forecasts and notices.
        const backfill = record.kind === 'backfill';
        for (const meter of usage.meters)
          keys.set(
            meter.id,
            backfill
              ? this.existingOrNewMeterKey(record, meter, written)
              : this.meterKey(record, meter, written),
          );
        this.upsertSamples(keys, usage.samples);
        if (!backfill)
          this.sql.upsertState!.run(
            record.accountId,
            JSON.stringify(usage.quotas),
            JSON.stringify(usage.forecasts),
            JSON.stringify(usage.notices),
            usage.dataAsOf ?? null,
            record.finishedAt,
          );
      }
      return Number(lastInsertRowid);
    })();
    for (const [meter, entry] of written) this.writtenMeters.set(meter, entry);
    return id;
  }

  private meterKey(
    record: PollRecord,
    meter: Meter,
    written: Map<string, { definition: string; key: number }>,
  ): number {
    const id = `${record.accountId}\u0000${meter.id}`;
    const definition = JSON.stringify(meter);
    const cached = this.writtenMeters.get(id);
    if (cached?.definition === definition) return cached.key;
    const row = this.sql.upsertMeter!.get(
      record.accountId,
      meter.id,
      record.provider,
      definition,
      record.finishedAt,
    ) as {
      key: number;
    };
    written.set(id, { definition, key: row.key });
    return row.key;
  }

  private existingOrNewMeterKey(
    record: PollRecord,
    meter: Meter,
    written: Map<string, { definition: string; key: number }>,
  ): number {
    const existing = this.sql.meterKey!.get(record.accountId, meter.id) as
      { key: number } | undefined;
    return existing?.key ?? this.meterKey(record, meter, written);
  }

  private forgetMeters(accountId: string): void {
    for (const id of this.writtenMeters.keys())
      if (id.startsWith(`${accountId}\u0000`)) this.writtenMeters.delete(id);
  }

  /**
   * Writes samples in multi-row statements: one call into SQLite per batch instead of per row
   * is what makes a backfill of years of hourly data take seconds.
   */
  private upsertSamples(keys: ReadonlyMap<string, number>, samples: readonly Sample[]): void {
    const values: (number | string | null)[] = [];
    let rows = 0;
    const flush = () => {
      if (rows === 0) return;
      this.batchStatement(rows).run(values);
      values.length = 0;
      rows = 0;
    };
    for (const sample of samples) {
      const key = keys.get(sample.meterId);
      if (key === undefined) continue; // readAccount rejects such answers; never store an orphan
      values.push(key, sample.at, sample.value, sample.dataAsOf ?? null, sample.resolution ?? null);
      if (++rows === BATCH_ROWS) flush();
    }
    flush();
  }

  private batchStatement(rows: number): Statement {
    let statement = this.batches.get(rows);
    if (!statement) {
      statement = this.db.prepare(
        `INSERT INTO samples (meter_key, at, value, data_as_of, resolution) VALUES ${Array<string>(rows).fill('(?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (meter_key, at) DO UPDATE SET value = excluded.value, data_as_of = excluded.data_as_of, resolution = excluded.resolution, compacted = 0
         WHERE samples.value IS NOT excluded.value OR samples.data_as_of IS NOT excluded.data_as_of OR samples.resolution IS NOT excluded.resolution`,
      );
      // Keep the full-size batch and a few remainders; remainder sizes vary from poll to poll.
      if (rows === BATCH_ROWS || this.batches.size < 16) this.batches.set(rows, statement);
    }
    return statement;
  }

  /** Parsed meter definitions by their stored text: meters rarely change, snapshots read them often. */
  private readonly parsedMeters = new Map<string, Meter>();

  private parseMeter(row: MeterRow): Meter | null {
    const cached = this.parsedMeters.get(row.definition);
    if (cached) return cached;
    try {
      const meter = MeterSchema.parse(JSON.parse(row.definition));
      if (this.parsedMeters.size >= 10_000) this.parsedMeters.clear();
      this.parsedMeters.set(row.definition, meter);
      return meter;
    } catch (error) {
      this.log.warn('skipping a stored meter that no longer parses', {
        account: row.account_id,
        error: String(error),
      });
      return null;
    }
  }

  meters(accountId: string): Meter[] {
    return (this.sql.meters!.all(accountId) as MeterRow[])
      .map((r) => this.parseMeter(r))
      .filter((m): m is Meter => m !== null);
  }

  /** Rows as arrays (better-sqlite3's raw mode): no intermediate objects for tens of thousands of samples. */
  private rawSamples(query: SampleQuery) {
    return (
      query.meterIds?.length === 1
        ? this.sql
            .samplesOfMeter!.raw(true)
            .all(query.accountId, query.meterIds[0], query.from, query.to)
        : this.sql.samples!.raw(true).all(query.accountId, query.from, query.to)
    ) as [string, number, number, number | null, Sample['resolution'] | null][];
  }

  samples(query: SampleQuery): Sample[] {
    const rows = this.rawSamples(query);
    const wanted = query.meterIds && query.meterIds.length > 1 ? new Set(query.meterIds) : null;
    const samples: Sample[] = [];
    for (const [meterId, at, value, dataAsOf, resolution] of rows) {
      if (wanted && !wanted.has(meterId)) continue;
      const sample: Sample = { meterId, at, value };
      if (dataAsOf !== null) sample.dataAsOf = dataAsOf;
      if (resolution !== null) sample.resolution = resolution;
      samples.push(sample);
    }
    return samples;
  }

  sampleRuns(query: SampleQuery): SampleRun[] {
    const rows = this.rawSamples(query);
    const wanted = query.meterIds && query.meterIds.length > 1 ? new Set(query.meterIds) : null;
    const runs: SampleRun[] = [];
    let current: SampleRun | undefined;
    // Rows come meter by meter, each in time order (the query's ORDER BY).
    for (const [meterId, at, value, , resolution] of rows) {
      if (wanted && !wanted.has(meterId)) continue;
      if (current?.meterId !== meterId) {
        current = { meterId, at: [], value: [], resolution: [] };
        runs.push(current);
      }
      current.at.push(at);
      current.value.push(value);
      current.resolution.push(resolution ?? null);
    }
    return runs;
  }

  sampleSpan(accountId: string): { first: number; last: number } | null {
    const row = this.sql.span!.get(accountId) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  accountState(accountId: string): StoredAccountState | null {
    const row = this.sql.state!.get(accountId) as
      | {
          quotas: string;
          forecasts: string;
          notices: string;
          data_as_of: number | null;
          fetched_at: number;
        }
      | undefined;
    if (!row) return null;
    const parsed = StoredStateSchema.safeParse({
      quotas: JSON.parse(row.quotas) as unknown,
      forecasts: JSON.parse(row.forecasts) as unknown,
      notices: JSON.parse(row.notices) as unknown,
    });
    if (!parsed.success) {
      this.log.warn('ignoring stored provider state that no longer parses', { account: accountId });
      return null;
    }
    return { ...parsed.data, dataAsOf: row.data_as_of, fetchedAt: row.fetched_at };
  }

  polls(accountId: string, limit: number): PollRow[] {
    return (this.sql.polls!.all(accountId, limit) as PollDbRow[]).map(toPoll);
  }

  lastSuccess(accountId: string): PollRow | null {
    const row = this.sql.lastSuccess!.get(accountId) as PollDbRow | undefined;
    return row ? toPoll(row) : null;
  }

  hasBackfilled(accountId: string): boolean {
    return this.sql.backfilled!.get(accountId) !== undefined;
  }

  loadAlertState(): unknown {
    const row = this.sql.loadAlerts!.get() as { state: string } | undefined;
    if (!row) return null;
    try {
      return JSON.parse(row.state) as unknown;
    } catch {
      return null;
    }
  }

  saveAlertState(state: unknown): void {
    this.sql.saveAlerts!.run(JSON.stringify(state), this.now());
  }

  /**
   * Rows for an export, read a page at a time. The consumer awaits between rows (a file
   * stream's 'drain'), so no statement may stay open across a yield: an open iterator makes
   * better-sqlite3 refuse every write ("connection is busy"), and polls would fail to save for
   * as long as the export runs. Meters are read at once; samples by keyset pages of each meter.
   * A poll saved meanwhile may or may not appear, as it lands before or after its page.
   */
  *exportSamples(filter: ExportFilter): Iterable<ExportRow> {
    const from = filter.from ?? 0;
    const to = filter.to ?? Number.MAX_SAFE_INTEGER;
    const accounts = filter.accountIds ? new Set(filter.accountIds) : null;
    for (const row of this.sql.allMeters!.all() as MeterRow[]) {
      if (accounts && !accounts.has(row.account_id)) continue;
      const meter = this.parseMeter(row);
      const provider = ProviderIdSchema.safeParse(row.provider);
      if (!meter || !provider.success) continue;
      for (let start = from; start < to;) {
        const page = this.sql.samplePage!.raw(true).all(row.key, start, to, EXPORT_PAGE_ROWS) as [
          number,
          number,
        ][];
        for (const [at, value] of page)
          yield { accountId: row.account_id, provider: provider.data, meter, at, value };
        if (page.length < EXPORT_PAGE_ROWS) break;
        start = page.at(-1)![0] + 1; // instants are whole milliseconds
      }
    }
  }

  compact(now: number, policy: RetentionPolicy): CompactionReport {
    const count = () => (this.sql.countSamples!.get() as { n: number }).n;
    const rowsBefore = count();
    for (const row of this.sql.allMeters!.all() as MeterRow[]) {
      const meter = this.parseMeter(row);
      if (meter) this.db.transaction(() => compactMeter(this.db, row.key, meter, now, policy))();
    }
    // Poll records are kept as long as hourly detail; an account's last success always stays.
    this.sql.prunePolls!.run(now - policy.hourlyDays * 86_400_000);
    return { rowsBefore, rowsAfter: count() };
  }

  deleteAccount(accountId: string): void {
    this.forgetMeters(accountId);
    this.db.transaction(() => {
      this.sql.deleteAccount!.run(accountId);
      this.sql.deleteState!.run(accountId);
      this.sql.deletePolls!.run(accountId);
    })();
  }

  close(): void {
    this.db.close();
  }
}
