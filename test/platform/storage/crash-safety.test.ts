import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.ts';

const WRITER = join(import.meta.dirname, 'fixtures', 'poll-writer.ts');

/** Runs the writer until it has committed a few polls, kills it at a random moment, returns what it reported. */
function runAndKill(dataDir: string, account: string): Promise<{ id: number; n: number }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dataDir, account], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const killAfter = 150 + Math.floor(Math.random() * 400);
    const started = setInterval(() => {
      // Kill only once writing is under way, at a random moment after that.
      if (out.includes('committed')) {
        clearInterval(started);
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * killAfter));
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(started);
      if (signal !== 'SIGKILL')
        return reject(new Error(`writer ended without being killed: ${err}`));
      const reported = [...out.matchAll(/^committed (\d+) (\d+)$/gm)].map((m) => ({
        id: Number(m[1]),
        n: Number(m[2]),
      }));
      resolve(reported);
    });
  });
}

describe('history database crash safety', () => {
  it('keeps every poll reported committed when the writer is killed mid-write, round after round', async () => {
    const dataDir = await tempDir();
    const reported: { account: string; id: number; n: number }[] = [];
    for (let round = 0; round < 5; round++) {
      const account = `round-${round}`;
      const polls = await runAndKill(dataDir, account);
      expect(polls.length).toBeGreaterThan(0);
      reported.push(...polls.map((p) => ({ account, ...p })));

      const db = new Database(join(dataDir, 'history.db'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const pollIds = new Set(
        (db.prepare('SELECT id FROM polls').all() as { id: number }[]).map((r) => r.id),
      );
      for (const poll of reported)
        expect(pollIds.has(poll.id), `poll ${poll.id} of ${poll.account}`).toBe(true);
      // Every committed poll's samples are there in full: no half-written transaction.
      const perPoll = db
        .prepare(
          'SELECT count(*) AS n FROM samples s JOIN meters m ON m.key = s.meter_key WHERE m.account_id = ? AND s.at >= ? AND s.at < ?',
        )
        .pluck();
      for (const poll of polls)
        expect(perPoll.get(account, poll.n * 1000, poll.n * 1000 + 50)).toBe(50);
      db.close();
    }
  }, 60_000);
});
