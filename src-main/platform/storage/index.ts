import { join } from 'node:path';
import type { Logger } from '../../core/logger.ts';
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
