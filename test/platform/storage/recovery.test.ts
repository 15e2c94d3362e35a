import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/core/logger.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { SCHEMA_VERSION } from '../../../src-main/platform/storage/migrations.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const NOW = Date.parse('2026-11-21T10:20:30Z');

function recordingLogger() {
  const warnings: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: () => {},
    error: () => {},
    warn: (message) => warnings.push(message),
  };
  return { log, warnings };
}

describe('damaged history database', () => {
  it('moves a file that is not a database aside with a timestamp and starts fresh', async () => {
    const dir = await tempDir();
    const garbage = Buffer.from('this is not an SQLite database, just bytes '.repeat(200));
    writeFileSync(join(dir, 'history.db'), garbage);
    const { log, warnings } = recordingLogger();
    const { store, recovered } = openHistoryStore(dir, { log, now: () => NOW });
    expect(recovered?.movedTo).toBe(join(dir, 'history.db.unusable-20261121-102030'));
    expect(readFileSync(recovered!.movedTo)).toEqual(garbage);
    expect(warnings).toEqual(['history database was unusable and has been moved aside']);
    store.recordPoll(
      okPoll(
        'a',
        NOW,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: NOW - 1, value: 1 }]),
      ),
    );
    expect(store.samples({ accountId: 'a', from: 0, to: NOW })).toHaveLength(1);
    store.close();
  });

  it('moves aside a database whose pages are damaged', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.db');
    const { store } = openHistoryStore(dir, { log: recordingLogger().log, now: () => NOW });
    store.recordPoll(
      okPoll(
        'a',
        NOW,
        usageOf(
          [transferMeter()],
          Array.from({ length: 2000 }, (_, i) => ({ meterId: 'transfer', at: i, value: i })),
        ),
      ),
    );
    store.close();
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 6); // overwrite b-tree pages in the middle of the file
    writeFileSync(file, bytes);
    const reopened = openHistoryStore(dir, { log: recordingLogger().log, now: () => NOW });
    expect(reopened.recovered).not.toBeNull();
    expect(reopened.store.samples({ accountId: 'a', from: 0, to: NOW })).toEqual([]);
    reopened.store.close();
  });

  it('keeps a database from a newer version instead of downgrading it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const { store, recovered } = openHistoryStore(dir, {
      log: recordingLogger().log,
      now: () => NOW,
    });
    expect(recovered?.reason).toMatch(/newer Cloudmeter/);
    expect(existsSync(recovered!.movedTo)).toBe(true);
    store.close();
  });

  it('does not reuse a name when moving aside twice in one second', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 2; i++) {
      writeFileSync(join(dir, 'history.db'), 'garbage garbage garbage garbage');
      openHistoryStore(dir, { log: recordingLogger().log, now: () => NOW }).store.close();
    }
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('unusable'))
        .sort(),
    ).toEqual(['history.db.unusable-20261121-102030', 'history.db.unusable-20261121-102030-2']);
  });
});
