import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import {
  HistoryUnavailableError,
  openHistoryOrMemory,
  openHistoryStore,
} from '../../../src-main/platform/storage/index.ts';
import { SCHEMA_VERSION, schemaVersion } from '../../../src-main/platform/storage/migrations.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const HOLDER = join(import.meta.dirname, 'fixtures', 'lock-holder.ts');
const NOW = Date.parse('2026-11-21T10:20:30Z');

/** Starts another process on the file; resolves once it holds the write lock. */
async function lockHolder(file: string, mode: 'mid-migration' | 'hold', holdMs: number) {
  const child = spawn(process.execPath, [HOLDER, file, mode, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out, err })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('locked') && resolve());
    void exited.then(({ err: stderr }) => reject(new Error(`holder exited early: ${stderr}`)));
  });
  return { exited };
}

function movedAside(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('unusable'));
}

describe('opening the history while another process uses it', () => {
  it('waits for a process that is creating the schema instead of moving its file aside', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.db');
    const other = await lockHolder(file, 'mid-migration', 300);
    const { store, recovered } = openHistoryStore(dir, { log: silentLogger, now: () => NOW });
    expect(recovered).toBeNull();
    expect(movedAside(dir)).toEqual([]);
    store.recordPoll(
      okPoll(
        'a',
        NOW,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: NOW - 1, value: 1 }]),
      ),
    );
    expect(store.samples({ accountId: 'a', from: 0, to: NOW })).toHaveLength(1);
    store.close();
    // The other process finished its own migration on the same file, without an error.
    expect(await other.exited).toMatchObject({ code: 0, out: 'locked\ndone\n' });
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('says the file is locked, and moves nothing, when the lock outlasts the wait', async () => {
    const dir = await tempDir();
    const file = join(dir, 'history.db');
    await lockHolder(file, 'hold', 30_000);
    const options = { log: silentLogger, now: () => NOW, busyTimeoutMs: 150, attempts: 2 };
    expect(() => openHistoryStore(dir, options)).toThrow(HistoryUnavailableError);
    expect(() => openHistoryStore(dir, options)).toThrow(
      /history database .*history\.db stayed locked by another process \(the app or a cloudmeter command\) for 0\.3 s: database is locked \(SQLITE_BUSY\)/,
    );
    expect(movedAside(dir)).toEqual([]);
    expect(existsSync(file)).toBe(true);

    const fallback = openHistoryOrMemory(dir, options);
    expect(fallback.unavailable).toMatch(/stayed locked by another process/);
    fallback.store.recordPoll(
      okPoll(
        'a',
        NOW,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: NOW - 1, value: 1 }]),
      ),
    );
    expect(fallback.store.samples({ accountId: 'a', from: 0, to: NOW })).toHaveLength(1);
    fallback.store.close();
    expect(movedAside(dir)).toEqual([]);
  });

  it('leaves a file it cannot open at all where it is, and says why', async () => {
    const dir = await tempDir();
    mkdirSync(join(dir, 'history.db')); // SQLite cannot open a folder: SQLITE_CANTOPEN
    expect(() => openHistoryStore(dir, { log: silentLogger, now: () => NOW })).toThrow(
      /history\.db could not be opened: .*SQLITE_CANTOPEN/,
    );
    expect(movedAside(dir)).toEqual([]);
  });
});
