import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/core/logger.ts';
import { openHistoryOrMemory, openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { SCHEMA_VERSION } from '../../../src-main/platform/storage/migrations.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const NOW = Date.parse('2026-11-21T10:20:30Z');

function recordingLogger() {
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const log: Logger = {
    debug: () => {},
    info: () => {},
    error: (_message, fields) => errors.push(fields?.reason),
    warn: (message) => warnings.push(message),
  };
  return { log, warnings, errors };
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

  it('leaves a database from a newer version alone and says to update', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.db');
    const db = new Database(file);
    db.exec('CREATE TABLE from_the_future (x)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const { log, errors } = recordingLogger();
    const message = `the history database ${file} was written by a newer Cloudmeter (schema ${SCHEMA_VERSION + 5}); this one reads up to ${SCHEMA_VERSION}: update it`;
    expect(() => openHistoryStore(dir, { log, now: () => NOW })).toThrow(message);
    expect(readdirSync(dir).filter((f) => f.includes('unusable'))).toEqual([]);

    // The app runs on, storing nothing, and the newer file is as it was.
    const fallback = openHistoryOrMemory(dir, { log, now: () => NOW });
    expect(fallback.unavailable).toBe(message);
    expect(errors).toEqual([message]);
    fallback.store.close();
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(
      after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
    ).toEqual(['from_the_future']);
    after.close();
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
