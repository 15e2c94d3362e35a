import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Ways to run bin/cloudmeter.js on a Node older than 24: this Node told it is 20 (always), and
 * a real older Node on PATH outside node_modules, when the machine has one (it proves the file
 * parses there too). Each: [name, node executable, its arguments before the script].
 */
function olderNodes(): [string, string, string[]][] {
  const pretend = `data:text/javascript,${encodeURIComponent(
    "Object.defineProperty(process.versions, 'node', { value: '20.0.0' });",
  )}`;
  const ways: [string, string, string[]][] = [
    ['this Node, reporting 20.0.0', process.execPath, ['--import', pretend]],
  ];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const node = join(dir, 'node');
    if (dir.includes('node_modules') || !existsSync(node)) continue;
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.slice(1).split('.')[0]) < 24) ways.push([`${node} ${version}`, node, []]);
    break;
  }
  return ways;
}

/**
 * The real `cloudmeter` executable in a child process, as a user or a cron job runs it. Its
 * home and data folder are temp folders: a test never writes the real ~/.local/share.
 */
async function cloudmeter(
  args: string[],
  env: Record<string, string>,
  [node, ...nodeArgs]: [string, ...string[]] = [process.execPath],
) {
  const home = await tempDir();
  const result = await run(node, [...nodeArgs, join(root, 'bin/cloudmeter.js'), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CLOUDMETER_DATA_DIR: join(home, 'data'),
      ...env,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
  return result;
}

describe('the cloudmeter executable', () => {
  it('prints the demo with no config, exits with a monitoring code, and stores in its data dir', async () => {
    const dir = await tempDir();
    const result = await cloudmeter(['check'], {
      CLOUDMETER_CONFIG: join(dir, 'config.json'),
      CLOUDMETER_DATA_DIR: join(dir, 'data'),
    });
    expect(result.stdout).toContain('Demo account (simulated)');
    expect([0, 1, 2]).toContain(result.code);
    expect(result.stdout).toContain(`(exit ${result.code})`);
    expect(await readdir(join(dir, 'data'))).toContain('history.db');
  });

  it('is what `npx cloudmeter` runs', async () => {
    const dir = await tempDir();
    const result = await run('npx', ['--no-install', 'cloudmeter', 'check', '--json'], {
      cwd: root,
      env: {
        ...process.env,
        CLOUDMETER_CONFIG: join(dir, 'config.json'),
        CLOUDMETER_DATA_DIR: join(dir, 'data'),
      },
    }).catch((e: { stdout: string }) => e);
    expect((JSON.parse(result.stdout) as { accounts: { id: string }[] }).accounts[0]!.id).toBe(
      'demo',
    );
    expect(await readdir(join(dir, 'data'))).toContain('history.db');
  });

  it.each(olderNodes())(
    'on Node before 24 (%s), says exactly what to run instead',
    async (_name, node, nodeArgs) => {
      const result = await cloudmeter(['check', '--account', "it's"], {}, [node, ...nodeArgs]);
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('cloudmeter needs Node 24 or later; this is Node v');
      expect(result.stderr).toContain(`In ${root.replace(/\/$/, '')} run`);
      expect(result.stderr).toContain(`  npx cloudmeter check --account 'it'\\''s'\n`);
      expect(result.stderr).toContain(`  npm run cloudmeter -- check --account 'it'\\''s'\n`);
    },
  );

  it('exits 3 with one line on a broken config and leaves the file alone', async () => {
    const file = join(await tempDir(), 'config.json');
    await writeFile(file, '{"version": 1,');
    const result = await cloudmeter(['check', '--config', file], {});
    expect(result.code).toBe(3);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${file}: not valid JSON`)),
    ]);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1,');
  });
});
