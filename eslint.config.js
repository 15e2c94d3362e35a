// @ts-check
// Lint is part of the test command: these import rules are how the architecture is enforced.
// See docs/ARCHITECTURE.md for the layer diagram they encode.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Every Node built-in, bare and with `node:` (`dns`, `node:dns`, `module`, `readline`...),
 * from Node itself so that no name is forgotten. The `node:`-only ones (`node:sqlite`,
 * `node:test`) have no bare form: a bare `sqlite` is an npm package, not Node.
 */
const NODE_BUILTINS = builtinModules.flatMap((m) =>
  m.startsWith('node:') ? [m] : [m, `node:${m}`],
);

/** Packages that reach the outside world (the UI runtime, the network, native stores). */
const OUTSIDE_PACKAGES = ['electron', 'undici', 'keytar', 'better-sqlite3'];

/** Modules that reach the outside world, or run only under Node: none in the pure layers. */
const OUTSIDE_WORLD = [...OUTSIDE_PACKAGES, ...NODE_BUILTINS];

/** Adapters sign their requests (HMAC, SHA-256): crypto is the one built-in they may use. */
const ADAPTER_BUILTINS = new Set(['crypto', 'node:crypto']);

/**
 * `import('node:fs')` or `import(name)` would pass every import rule above: the pure layers
 * load nothing at run time, so a dynamic import there is refused outright.
 */
const noDynamicImport = {
  selector: 'ImportExpression',
  message: 'The pure core and src-shared load no modules at run time: use a static import.',
};

const onlyShellImportsElectron = {
  name: 'electron',
  message: 'Only src-main/shell/ imports electron: keep logic testable under plain Node.',
};

/** @param {string[]} names @param {string} why */
const banned = (names, why) => names.map((name) => ({ name, message: why }));

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'reports/', 'docs/', 'assets/', 'bin/', '.ci/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      'no-restricted-imports': ['error', { paths: [onlyShellImportsElectron] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The pure core and the shared domain: no I/O, no Node built-ins, no UI runtime.
    files: ['src-main/core/**/*.ts', 'src-shared/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', noDynamicImport],
      'no-restricted-imports': [
        'error',
        {
          paths: banned(OUTSIDE_WORLD, 'The pure core gets I/O passed in (clock, HTTP, stores).'),
          patterns: [
            {
              group: ['node:*'],
              message: 'The pure core and src-shared import no Node built-ins.',
            },
            {
              group: ['**/platform/**', '**/shell/**', '**/cli/**', '**/src-renderer/**'],
              message: 'The core depends on interfaces, never on their implementations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(OUTSIDE_WORLD, 'src-shared is imported by main, preload and renderer.'),
          patterns: [
            { group: ['node:*'], message: 'src-shared runs in the renderer too.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared imports only itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // Providers receive their HTTP client, clock and secrets from outside.
    files: ['src-main/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            OUTSIDE_WORLD.filter((name) => !ADAPTER_BUILTINS.has(name)),
            'Adapters get HTTP, clock and secrets injected (FetchContext).',
          ),
          patterns: [
            {
              group: ['**/platform/**', '**/shell/**', '**/cli/**'],
              message: 'Adapters depend on core interfaces only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The app's services: the IPC handlers' implementations, on core and platform, no Electron.
    files: ['src-main/platform/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [onlyShellImportsElectron],
          patterns: [{ group: ['**/shell/**'], message: 'Only the shell depends on the shell.' }],
        },
      ],
    },
  },
  {
    files: ['src-main/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message:
                'Use handle() from src-main/shell/ipc/ipc-main.ts: it checks the sender and validates arguments.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/shell/ipc/ipc-main.ts', 'src-main/shell/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The renderer sees only src-shared and its own files; the preload API reaches it via bridge.ts.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: banned(OUTSIDE_WORLD, 'The renderer is a sandboxed web page.'),
          patterns: [
            { group: ['node:*'], message: 'The renderer is a sandboxed web page.' },
            {
              group: ['**/src-main/**', '**/test/**', '**/scripts/**'],
              message: 'The renderer imports only src-shared and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
