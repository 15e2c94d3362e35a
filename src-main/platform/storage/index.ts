import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../core/logger.ts';
import { migrate } from './migrations.ts';
import {
  HistoryUnavailableError,
  openDatabase,
  type OpenDatabaseOptions,
  type RecoveredDatabase,
} from './open-database.ts';
import { SqliteHistoryStore } from './sqlite-history-store.ts';

export { HistoryUnavailableError, type RecoveredDatabase } from './open-database.ts';

export const HISTORY_FILE = 'history.db';

export interface HistoryStoreOptions extends OpenDatabaseOptions {
  readonly log: Logger;
  readonly now: () => number;
}

/**
 * Opens the usage history in the app's data folder; see openDatabase for damaged files.
 * Throws HistoryUnavailableError, having moved nothing, when the file cannot be used as it is.
 */
export function openHistoryStore(
  dataDir: string,
  options: HistoryStoreOptions,
): { store: SqliteHistoryStore; recovered: RecoveredDatabase | null } {
  const { db, recovered } = openDatabase(join(dataDir, HISTORY_FILE), options.now, options);
  if (recovered)
    options.log.warn('history database was unusable and has been moved aside', { ...recovered });
  return { store: new SqliteHistoryStore(db, options.log, options.now), recovered };
}

/** A history that lives only as long as the process: `cloudmeter check --no-store`. */
export function openMemoryHistoryStore(options: {
  log: Logger;
  now: () => number;
}): SqliteHistoryStore {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return new SqliteHistoryStore(db, options.log, options.now);
}

/**
 * The history in the data folder, or, when it is unavailable (locked by another process,
 * written by a newer Cloudmeter, a disk error), one in memory so that the caller keeps
 * running without storing, as with --no-store. `unavailable` says why, for the user: polls
 * made meanwhile are not kept.
 */
export function openHistoryOrMemory(
  dataDir: string,
  options: HistoryStoreOptions,
): {
  store: SqliteHistoryStore;
  recovered: RecoveredDatabase | null;
  unavailable: string | null;
} {
  try {
    return { ...openHistoryStore(dataDir, options), unavailable: null };
  } catch (error) {
    if (!(error instanceof HistoryUnavailableError)) throw error;
    options.log.error('history database unavailable; running without storing', {
      reason: error.message,
    });
    return { store: openMemoryHistoryStore(options), recovered: null, unavailable: error.message };
  }
}
