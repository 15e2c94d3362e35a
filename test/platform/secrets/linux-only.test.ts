import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm test` also runs on macOS and Windows (the GitHub workflow), which have no dbus-daemon,
 * gnome-keyring-daemon or util-linux `script`: every test file that starts a real Secret
 * Service must skip there, saying why (children.ts: offLinux), instead of failing.
 */

const TEST_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NEEDS_LINUX = /startSecretService\(|spawn\('script'/;

describe('tests on a real Secret Service', () => {
  it('skip, with their reason, off Linux', async () => {
    const files = (await readdir(TEST_ROOT, { recursive: true })).filter(
      (f) => f.endsWith('.test.ts') && !f.startsWith('node_modules'),
    );
    const unguarded: string[] = [];
    let needing = 0;
    for (const file of files) {
      const text = await readFile(join(TEST_ROOT, file), 'utf8');
      if (!NEEDS_LINUX.test(text)) continue;
      needing++;
      if (!/describe\.skipIf\(\s*(skip|offLinux\()/.test(text) || !text.includes('offLinux('))
        unguarded.push(relative(TEST_ROOT, join(TEST_ROOT, file)));
    }
    expect(needing).toBeGreaterThanOrEqual(4);
    expect(unguarded).toEqual([]);
  });
});
