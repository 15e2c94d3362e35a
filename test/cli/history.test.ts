import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openHistoryStore } from '../../src-main/platform/storage/index.ts';
import { SCHEMA_VERSION } from '../../src-main/platform/storage/migrations.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import { runCliForTest } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

async function setup() {
  const dir = await tempDir();
  return { configFile: join(dir, 'config.json'), dataDir: join(dir, 'data') };
}

describe('cloudmeter check and the usage history', () => {
  it('records each check in the history the app reads, without duplicating samples', async () => {
    const { configFile, dataDir } = await setup();
    await runCliForTest(['check'], { configFile, dataDir });
    const store = () => openHistoryStore(dataDir, { log: silentLogger, now: () => 0 }).store;
    const first = store();
    const rows = first.samples({ accountId: 'demo', from: 0, to: Date.parse('2027-01-01') }).length;
    expect(rows).toBeGreaterThan(0);
    first.close();
    await runCliForTest(['check'], { configFile, dataDir });
    const second = store();
    expect(second.polls('demo', 10)).toHaveLength(2);
    expect(
      second.samples({ accountId: 'demo', from: 0, to: Date.parse('2027-01-01') }),
    ).toHaveLength(rows);
    second.close();
  });

  it('stores nothing with --no-store', async () => {
    const { configFile, dataDir } = await setup();
    const run = await runCliForTest(['check', '--no-store'], { configFile, dataDir });
    expect(run.stdout).toContain('Demo account (simulated)');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('moves an unusable history database aside, says so, and carries on', async () => {
    const { configFile, dataDir } = await setup();
    await runCliForTest(['check'], { configFile, dataDir });
    await writeFile(join(dataDir, 'history.db'), 'not a database at all, sorry');
    const run = await runCliForTest(['check'], { configFile, dataDir });
    expect(run.stderr).toMatch(
      /^cloudmeter: the history database could not be used \(.*\); it was moved to .*history\.db\.unusable-/,
    );
    expect(run.stdout).toContain('Demo account (simulated)  [demo, Demo]  ok');
    expect(readdirSync(dataDir).some((f) => f.startsWith('history.db.unusable-'))).toBe(true);
  });
});

describe('a history from a newer Cloudmeter', () => {
  async function newerHistory() {
    const paths = await setup();
    await runCliForTest(['check'], paths);
    const db = new Database(join(paths.dataDir, 'history.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    return paths;
  }

  it('check runs on without storing, says why, and leaves the file as it was', async () => {
    const paths = await newerHistory();
    const before = await readFile(join(paths.dataDir, 'history.db'));
    const run = await runCliForTest(['check'], paths);
    expect(run.stderr).toMatch(
      /^cloudmeter: this run is not saved in the usage history: .*newer Cloudmeter.*update it\n$/,
    );
    expect(run.stdout).toContain('Demo account (simulated)');
    expect(await readFile(join(paths.dataDir, 'history.db'))).toEqual(before);
    expect(readdirSync(paths.dataDir).some((f) => f.includes('unusable'))).toBe(false);
  });

  it('export stops with the reason in one line, not as an unexpected error', async () => {
    const paths = await newerHistory();
    const run = await runCliForTest(['export'], paths);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^the history database .* newer Cloudmeter .*update it\n$/);
  });
});

describe('cloudmeter export', () => {
  it('writes one CSV row per stored sample with ISO timestamps, filtered by account and time', async () => {
    const { configFile, dataDir } = await setup();
    await runCliForTest(['check'], { configFile, dataDir, now: '2026-11-21T12:00:00Z' });
    const all = await runCliForTest(['export'], { configFile, dataDir });
    const lines = all.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('account,provider,meter,label,series,unit,timestamp,value');
    expect(lines[1]).toMatch(
      /^demo,demo,cost,Cost,delta,EUR,2026-11-01T00:00:00\+00:00,\d+(\.\d+)?$/,
    );
    // 21 days of November for each of the three demo meters.
    expect(lines).toHaveLength(1 + 3 * 21);
    const week = await runCliForTest(
      ['export', '--from', '2026-11-10T00:00:00Z', '--to', '2026-11-17T00:00:00Z'],
      { configFile, dataDir },
    );
    expect(week.stdout.trimEnd().split('\r\n')).toHaveLength(1 + 3 * 7);
    const none = await runCliForTest(['export', '--account', 'demo', '--from', '2027-01-01'], {
      configFile,
      dataDir,
    });
    expect(none.stdout).toBe('account,provider,meter,label,series,unit,timestamp,value\r\n');
  });

  it('writes JSON to a file', async () => {
    const { configFile, dataDir } = await setup();
    await runCliForTest(['check'], { configFile, dataDir });
    const output = join(dataDir, 'usage.json');
    const run = await runCliForTest(['export', '--format', 'json', '--output', output], {
      configFile,
      dataDir,
    });
    expect(run.code).toBe(0);
    const rows = JSON.parse(await readFile(output, 'utf8')) as {
      account: string;
      timestamp: string;
      value: number;
    }[];
    expect(rows.length).toBe(3 * 21);
    expect(rows.every((r) => r.account === 'demo' && /[+-]\d\d:\d\d$/.test(r.timestamp))).toBe(
      true,
    );
  });

  it('refuses an unknown format or date with one line', async () => {
    const { configFile, dataDir } = await setup();
    expect(
      (await runCliForTest(['export', '--format', 'xml'], { configFile, dataDir })).stderr,
    ).toBe('--format xml: choose csv or json\n');
    const bad = await runCliForTest(['export', '--from', 'yesterday'], { configFile, dataDir });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^--from yesterday: give a date/);
  });
});
