import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../core/logger.ts';
import { migrate } from './migrations.ts';
import { openDatabase, type RecoveredDatabase } from './open-database.ts';
import { SqliteHistoryStore } from './sqlite-history-store.ts';

export const HISTORY_FILE = 'history.db';

/** Opens the usage history in the app's data folder; see openDatabase for damaged files. */
export function openHistoryStore(
  dataDir: string,
  options: { log: Logger; now: () => number },
): { store: SqliteHistoryStore; recovered: RecoveredDatabase | null } {
  const { db, recovered } = openDatabase(join(dataDir, HISTORY_FILE), options.now);
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
