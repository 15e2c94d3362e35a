import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrations.ts';

/** A database file that could not be used, moved aside so that a fresh one could start. */
export interface RecoveredDatabase {
  readonly movedTo: string;
  readonly reason: string;
}

export interface OpenedDatabase {
  readonly db: SqliteDatabase;
  readonly recovered: RecoveredDatabase | null;
}

class UnusableDatabase extends Error {
  override name = 'UnusableDatabase';
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function configure(db: SqliteDatabase): void {
  // WAL: readers never block the poller's writes, and a killed process loses at most the
  // transaction it was in. synchronous=NORMAL is durable against process crashes (the WAL is
  // written before commit returns); only an OS crash or power cut can lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function openChecked(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    configure(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new UnusableDatabase(`integrity check failed: ${String(check)}`);
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new UnusableDatabase(
        `written by a newer Cloudmeter (schema ${version}, this one knows ${SCHEMA_VERSION})`,
      );
    }
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

/**
 * Opens (creating if needed) the history database, checks it and brings its schema up to date.
 * A file that is not a database, is damaged, or comes from a newer version is moved aside with
 * a timestamped name and a fresh database is started, so the app keeps running; the caller
 * tells the user through `recovered`. Only a folder that cannot be written is an error.
 */
export function openDatabase(file: string, now: () => number): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  try {
    return { db: openChecked(file), recovered: null };
  } catch (error) {
    if (!existsSync(file)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const movedTo = moveAside(file, now());
    return { db: openChecked(file), recovered: { movedTo, reason } };
  }
}
