import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrate, NewerSchemaError } from './migrations.ts';
import { sqliteCode } from './sqlite-errors.ts';

/** A database file that could not be used, moved aside so that a fresh one could start. */
export interface RecoveredDatabase {
  readonly movedTo: string;
  readonly reason: string;
}

export interface OpenedDatabase {
  readonly db: SqliteDatabase;
  readonly recovered: RecoveredDatabase | null;
}

export interface OpenDatabaseOptions {
  /** How long one attempt waits for another process's lock (SQLite's busy_timeout). */
  readonly busyTimeoutMs?: number;
  /** Attempts while the file stays locked, before giving up. */
  readonly attempts?: number;
}

/**
 * The history database could not be opened, and nothing was moved or changed: it is locked by
 * another process, comes from a newer Cloudmeter, or the disk refused (full, read-only, I/O
 * error). The message says which; the caller carries on without storing, or stops.
 */
export class HistoryUnavailableError extends Error {
  override name = 'HistoryUnavailableError';
}

/** Damage found by the integrity check: the only reason besides SQLite's own codes to move a file aside. */
class DamagedDatabase extends Error {
  override name = 'DamagedDatabase';
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_ATTEMPTS = 3;
/** Pause before another attempt: some BUSY answers (a snapshot gone stale, WAL recovery) come at once. */
const RETRY_PAUSE_MS = 100;

/** Only a file SQLite calls damaged or not a database is moved aside; anything else is left alone. */
function isDamage(error: unknown): boolean {
  const code = sqliteCode(error);
  return (
    error instanceof DamagedDatabase ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_NOTADB')
  );
}

function isLocked(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = sqliteCode(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function pause(ms: number): void {
  // Opening is synchronous (better-sqlite3 is): block briefly rather than spin.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function configure(db: SqliteDatabase, busyTimeoutMs: number): void {
  // Set first: every later statement, the WAL switch included, waits out another process's lock.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // WAL: readers never block the poller's writes, and a killed process loses at most the
  // transaction it was in. synchronous=NORMAL is durable against process crashes (the WAL is
  // written before commit returns); only an OS crash or power cut can lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

function openChecked(file: string, busyTimeoutMs: number): SqliteDatabase {
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    configure(db, busyTimeoutMs);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DamagedDatabase(`integrity check failed: ${String(check)}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveAside(file: string, now: number): string {
  let target = `${file}.unusable-${stamp(now)}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.unusable-${stamp(now)}-${n}`;
  renameSync(file, target);
  // The WAL and shared-memory files belong to the moved database; a fresh one must not read them.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

function unavailable(file: string, error: unknown, waitedMs: number): HistoryUnavailableError {
  if (error instanceof NewerSchemaError)
    return new HistoryUnavailableError(`the history database ${file} was ${error.message}`);
  if (isLocked(error))
    return new HistoryUnavailableError(
      `the history database ${file} stayed locked by another process (the app or a cloudmeter command) for ${Number((waitedMs / 1000).toFixed(1))} s: ${messageOf(error)}`,
    );
  return new HistoryUnavailableError(
    `the history database ${file} could not be opened: ${messageOf(error)}`,
  );
}

/**
 * Opens (creating if needed) the history database, checks it and brings its schema up to date.
 * A file SQLite finds damaged or not a database is moved aside with a timestamped name and a
 * fresh database is started, so the app keeps running; the caller tells the user through
 * `recovered`. A lock held by another process is waited for (busy_timeout) and the open tried
 * again. Anything else — still locked, written by a newer Cloudmeter, an I/O error, a full or
 * read-only disk — moves nothing: a HistoryUnavailableError says what happened, since moving a
 * file another process has open, or a newer app's history, would split the history in two.
 */
export function openDatabase(
  file: string,
  now: () => number,
  options: OpenDatabaseOptions = {},
): OpenedDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new HistoryUnavailableError(
      `the folder for the history database could not be created: ${messageOf(error)}`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return { db: openChecked(file, busyTimeoutMs), recovered: null };
    } catch (error) {
      if (isLocked(error) && attempt < attempts) {
        pause(RETRY_PAUSE_MS);
        continue;
      }
      if (!isDamage(error) || !existsSync(file))
        throw unavailable(file, error, attempt * busyTimeoutMs);
      const reason = messageOf(error);
      const movedTo = moveAside(file, now());
      try {
        return { db: openChecked(file, busyTimeoutMs), recovered: { movedTo, reason } };
      } catch (fresh) {
        throw unavailable(file, fresh, busyTimeoutMs);
      }
    }
  }
}
