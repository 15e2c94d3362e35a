import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The real `cloudmeter` executable in a child process, as a user or a cron job runs it. */
async function cloudmeter(args: string[], env: Record<string, string>) {
  const result = await run(process.execPath, [join(root, 'bin/cloudmeter.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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
  it('prints the demo with no config and exits with a monitoring code', async () => {
    const dir = await tempDir();
    const result = await cloudmeter(['check'], { CLOUDMETER_CONFIG: join(dir, 'config.json') });
    expect(result.stdout).toContain('Demo account (simulated)');
    expect([0, 1, 2]).toContain(result.code);
    expect(result.stdout).toContain(`(exit ${result.code})`);
  });

  it('is what `npx cloudmeter` runs', async () => {
    const dir = await tempDir();
    const result = await run('npx', ['--no-install', 'cloudmeter', 'check', '--json'], {
      cwd: root,
      env: { ...process.env, CLOUDMETER_CONFIG: join(dir, 'config.json') },
    }).catch((e: { stdout: string }) => e);
    expect((JSON.parse(result.stdout) as { accounts: { id: string }[] }).accounts[0]!.id).toBe(
      'demo',
    );
  });

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
