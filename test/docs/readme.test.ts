import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The README opens with the two commands a newcomer needs; CI must run the second verbatim. */
async function openingCommands(): Promise<string[]> {
  const readme = await read('README.md');
  const block = /```sh\n([\s\S]*?)```/.exec(readme);
  expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  return block![1]!
    .trim()
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim());
}

describe('README', () => {
  it('opens with an install-and-start command and an install-and-test command', async () => {
    const [start, test] = await openingCommands();
    expect(start).toBe('npm install && npm start');
    expect(test).toMatch(/^npm (ci|install) && npm test$/);
  });

  it('gives the test command that .ci/run runs, verbatim', async () => {
    const [, test] = await openingCommands();
    const ci = (await read('.ci/run')).split('\n').map((line) => line.trim());
    expect(ci.filter((line) => line === test)).toHaveLength(1);
  });

  it('names scripts that exist in package.json', async () => {
    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    const readme = await read('README.md');
    for (const [, script] of readme.matchAll(/npm run ([\w:-]+)/g))
      expect(Object.keys(pkg.scripts)).toContain(script);
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });
});
