import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  migrate,
  schemaVersion,
} from '../../../src-main/platform/storage/migrations.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('history schema migrations', () => {
  it('has one step per version and reports the latest', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });

  /**
   * Rows written with each older version's own SQL, and how to see them after migrating. When a
   * step is added, the version it upgrades from gets an entry here (a test below insists).
   */
  const DATA_AT_VERSION: Record<
    number,
    { write: (db: Database.Database) => void; check: (dir: string) => void }
  > = {
    1: {
      write: (db) => {
        db.prepare(
          `INSERT INTO meters (key, account_id, meter_id, provider, definition, updated_at) VALUES (1, 'old', 'transfer', 'demo', ?, 1)`,
        ).run(JSON.stringify(transferMeter()));
        db.prepare('INSERT INTO samples (meter_key, at, value) VALUES (1, 1000, 42)').run();
        db.prepare(
          `INSERT INTO polls (account_id, provider, started_at, finished_at, outcome, error_kind, error_message) VALUES ('old', 'demo', 1, 2, 'error', 'timeout', 'slow')`,
        ).run();
      },
      check: (dir) => {
        const { store } = openHistoryStore(dir, { log: silentLogger, now: () => T0 });
        expect(store.samples({ accountId: 'old', from: 0, to: 2000 })).toEqual([
          { meterId: 'transfer', at: 1000, value: 42 },
        ]);
        // Polls from before version 2 are regular polls with no Retry-After.
        expect(store.polls('old', 5)).toMatchObject([
          { kind: 'poll', outcome: 'error', retryAfterMs: null },
        ]);
        expect(store.hasBackfilled('old')).toBe(false);
        store.close();
      },
    },
    2: {
      write: (db) => {
        const insert = db.prepare(
          `INSERT INTO polls (kind, account_id, provider, started_at, finished_at, outcome, error_kind, retry_after_ms) VALUES (?, 'v2', 'demo', ?, ?, ?, ?, ?)`,
        );
        insert.run('poll', 1, 10, 'ok', null, null);
        insert.run('backfill', 2, 20, 'ok', null, null);
        insert.run('poll', 3, 30, 'error', 'rate-limited', 60_000);
      },
      check: (dir) => {
        const { store } = openHistoryStore(dir, { log: silentLogger, now: () => T0 });
        // The newest regular poll first, found through the version-3 index.
        expect(store.polls('v2', 5).map((p) => [p.finishedAt, p.outcome, p.retryAfterMs])).toEqual([
          [30, 'error', 60_000],
          [10, 'ok', null],
        ]);
        expect(store.lastSuccess('v2')?.finishedAt).toBe(10);
        expect(store.hasBackfilled('v2')).toBe(true);
        store.close();
      },
    },
  };

  it('has sample data for every older version that can hold data', () => {
    for (let version = 1; version < SCHEMA_VERSION; version++)
      expect(DATA_AT_VERSION[version], `version ${version}`).toBeDefined();
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, version) => version))(
    'brings a database from version %i to the latest and keeps what it held',
    async (version) => {
      const dir = await tempDir();
      const file = join(dir, 'history.db');
      const old = new Database(file);
      migrate(old, version);
      expect(schemaVersion(old)).toBe(version);
      DATA_AT_VERSION[version]?.write(old);
      old.close();
      const { store, recovered } = openHistoryStore(dir, { log: silentLogger, now: () => T0 });
      expect(recovered).toBeNull();
      store.recordPoll(
        okPoll(
          'a',
          T0,
          usageOf([transferMeter()], [{ meterId: 'transfer', at: T0 - 1, value: 7 }]),
        ),
      );
      expect(store.samples({ accountId: 'a', from: 0, to: T0 })).toEqual([
        { meterId: 'transfer', at: T0 - 1, value: 7 },
      ]);
      store.close();
      DATA_AT_VERSION[version]?.check(dir);
      const db = new Database(file, { readonly: true });
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );

  it('runs each step in a transaction, so a failing step leaves the previous version intact', async () => {
    const file = join(await tempDir(), 'history.db');
    const db = new Database(file);
    migrate(db, SCHEMA_VERSION);
    db.exec('DROP TABLE alert_state'); // sabotage: re-running step 1 would now half-apply
    db.pragma('user_version = 0');
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });
});
