import type { Database } from 'better-sqlite3';

/**
 * The schema, as an ordered list of steps. `PRAGMA user_version` records how many have run;
 * opening a database runs the missing ones, each in its own transaction. Never edit a step
 * that has shipped: add a new one.
 */
export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  // 1: meters, samples keyed by (meter, instant), polls, provider state, alert state.
  (db) => {
    db.exec(`
      CREATE TABLE meters (
        key INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        meter_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        definition TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (account_id, meter_id)
      );
      CREATE TABLE samples (
        meter_key INTEGER NOT NULL REFERENCES meters(key) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        value REAL NOT NULL,
        data_as_of INTEGER,
        resolution TEXT,
        compacted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (meter_key, at)
      ) WITHOUT ROWID;
      CREATE TABLE polls (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        error_kind TEXT,
        error_message TEXT,
        range_start INTEGER,
        range_end INTEGER,
        sample_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX polls_by_account ON polls (account_id, finished_at);
      CREATE TABLE account_state (
        account_id TEXT PRIMARY KEY,
        quotas TEXT NOT NULL,
        forecasts TEXT NOT NULL,
        notices TEXT NOT NULL,
        data_as_of INTEGER,
        fetched_at INTEGER NOT NULL
      );
      CREATE TABLE alert_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
  // 2: a poll is a regular poll or a history backfill; keep the provider's Retry-After for timing.
  (db) => {
    db.exec(`
      ALTER TABLE polls ADD COLUMN kind TEXT NOT NULL DEFAULT 'poll';
      ALTER TABLE polls ADD COLUMN retry_after_ms INTEGER;
    `);
  },
  // 3: the latest polls of an account by kind, without sorting them all (it runs every poll).
  (db) => {
    db.exec(`
      DROP INDEX polls_by_account;
      CREATE INDEX polls_latest ON polls (account_id, kind, finished_at DESC, id DESC);
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The file was written by a later Cloudmeter: this one must not read or downgrade it. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
  readonly version: number;
  constructor(version: number) {
    super(
      `written by a newer Cloudmeter (schema ${version}); this one reads up to ${SCHEMA_VERSION}: update it`,
    );
    this.version = version;
  }
}

/**
 * Runs the steps after the database's version, up to `to` (the latest by default). Each step
 * takes the write lock first (BEGIN IMMEDIATE, waiting out busy_timeout) and reads the version
 * under it: the app and a `cloudmeter check` started together both see an old version, and the
 * one that waited must not run again the steps the other has just committed.
 */
export function migrate(db: Database, to = SCHEMA_VERSION): void {
  const step = db.transaction((): boolean => {
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
    if (version >= to) return false;
    MIGRATIONS[version]!(db);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
  // Up to date (the usual case): no write lock taken.
  if (version >= to) return;
  let stepped = true;
  while (stepped) stepped = step.immediate();
}
