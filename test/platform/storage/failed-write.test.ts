import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { openDatabase } from '../../../src-main/platform/storage/open-database.ts';
import { SqliteHistoryStore } from '../../../src-main/platform/storage/sqlite-history-store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { HOUR, okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

const pollAt = (at: number, value: number) =>
  okPoll('a', at, usageOf([transferMeter()], [{ meterId: 'transfer', at: at - HOUR, value }]));

async function openStore() {
  const file = join(await tempDir(), 'history.db');
  const { db } = openDatabase(file, () => T0);
  return { db, file, store: new SqliteHistoryStore(db, silentLogger, () => T0) };
}

describe('a write that fails', () => {
  it('leaves no trace behind that breaks the next poll of the same meter', async () => {
    const { db, store } = await openStore();
    // The first sample insert fails (as a full disk or a constraint would), once.
    db.exec(`
      CREATE TABLE fail_next (armed INTEGER NOT NULL);
      INSERT INTO fail_next VALUES (1);
      CREATE TRIGGER fail_once BEFORE INSERT ON samples WHEN (SELECT armed FROM fail_next) = 1
      BEGIN SELECT RAISE(ABORT, 'forced failure'); END;
    `);
    expect(() => store.recordPoll(pollAt(T0, 1))).toThrow('forced failure');
    expect(store.meters('a')).toEqual([]); // the meter row went with the rolled-back poll
    db.exec('UPDATE fail_next SET armed = 0');

    store.recordPoll(pollAt(T0 + HOUR, 2));
    store.recordPoll(pollAt(T0 + 2 * HOUR, 3));
    expect(store.meters('a')).toEqual([transferMeter()]);
    expect(
      store.samples({ accountId: 'a', from: 0, to: T0 + 2 * HOUR }).map((s) => s.value),
    ).toEqual([2, 3]);
    store.close();
  });

  it('saves the next poll of a meter another connection has deleted meanwhile', async () => {
    const { file, store } = await openStore();
    store.recordPoll(pollAt(T0, 1));
    const other = new Database(file); // another connection to the same file
    other.pragma('foreign_keys = ON');
    other.prepare("DELETE FROM meters WHERE account_id = 'a'").run();
    other.close();

    store.recordPoll(pollAt(T0 + HOUR, 2));
    expect(store.meters('a')).toEqual([transferMeter()]);
    expect(store.samples({ accountId: 'a', from: 0, to: T0 + HOUR }).map((s) => s.value)).toEqual([
      2,
    ]);
    store.close();
  });
});
