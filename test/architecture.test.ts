import { builtinModules } from 'node:module';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries live in eslint.config.js and run with the tests (npm test lints).
 * These cases prove the rules bite: each would pass silently if a rule were mis-scoped.
 */
// The snippets are virtual files, unknown to the TypeScript project: lint them without type
// information, with the project's own import rules.
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false } } },
  ],
});

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  const fatal = result!.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`could not lint the snippet: ${fatal.message}`);
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-main/core/x.ts', "import { readFile } from 'node:fs';"],
    ['src-main/core/x.ts', "import { request } from 'undici';"],
    [
      'src-main/core/x.ts',
      "import { createHttpClient } from '../platform/http/undici-http-client.ts';",
    ],
    ['src-shared/x.ts', "import { join } from 'node:path';"],
    [
      'src-shared/x.ts',
      "import { demoAdapter } from '../src-main/providers/demo/demo.adapter.ts';",
    ],
    ['src-main/providers/x/x.adapter.ts', "import keytar from 'keytar';"],
    ['src-main/platform/x.ts', "import { app } from 'electron';"],
    ['src-main/cli/x.ts', "import { app } from 'electron';"],
    ['src-main/shell/x.ts', "import { ipcMain } from 'electron';"],
    ['src-renderer/x.ts', "import { computeSnapshot } from '../src-main/core/snapshot.ts';"],
    ['src-renderer/x.ts', "import { readFileSync } from 'node:fs';"],
    // Bare built-in names, and loading at run time, which no static rule sees.
    ['src-main/core/x.ts', "import 'dns';"],
    ['src-main/core/x.ts', "import { createRequire } from 'module';"],
    ['src-main/core/x.ts', "import 'readline';"],
    ['src-main/core/x.ts', "export { lookup } from 'dns/promises';"],
    ['src-main/core/x.ts', "const fs = await import('node:fs');"],
    ['src-main/core/x.ts', "const name = 'fs'; await import(name);"],
    ['src-shared/x.ts', "import { createRequire } from 'node:module';"],
    ['src-shared/x.ts', "import 'path';"],
    ['src-shared/x.ts', "const { join } = await import('path');"],
    ['src-main/providers/x/x.adapter.ts', "import { lookup } from 'dns';"],
    ['src-renderer/x.ts', "import { join } from 'path';"],
  ])('%s may not: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it('keeps every Node built-in, bare or with node:, out of the core and src-shared', async () => {
    const names = builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`]));
    for (const file of ['src-main/core/x.ts', 'src-shared/x.ts']) {
      for (const name of names) {
        const errors = await importErrors(file, `import '${name}';\nexport {};\n`);
        expect(errors, `${file}: ${name}`).not.toEqual([]);
      }
    }
  });

  it.each([
    ['src-main/core/x.ts', "import { Temporal } from 'temporal-polyfill';"],
    ['src-main/shell/x.ts', "import { app } from 'electron';"],
    ['src-main/platform/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-renderer/x.ts', "import { formatBytes } from '../src-shared/domain/units.ts';"],
    ['src-main/providers/x/x.adapter.ts', "import { createHmac } from 'node:crypto';"],
    ['src-shared/x.ts', "import { Temporal } from 'temporal-polyfill';"],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
