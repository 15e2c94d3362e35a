import Database from 'better-sqlite3';

/** SQLite's (extended) result code of an error: 'SQLITE_BUSY', 'SQLITE_CORRUPT_INDEX'…; '' if none. */
export function sqliteCode(error: unknown): string {
  return error instanceof Database.SqliteError ? error.code : '';
}
