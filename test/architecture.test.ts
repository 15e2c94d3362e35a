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
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
  ])('%s may not: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src-main/core/x.ts', "import { Temporal } from 'temporal-polyfill';"],
    ['src-main/shell/x.ts', "import { app } from 'electron';"],
    ['src-main/platform/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-renderer/x.ts', "import { formatBytes } from '../src-shared/domain/units.ts';"],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
