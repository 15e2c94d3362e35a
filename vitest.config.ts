import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Electron binary never runs here: the shell's tests get one shared fake of the module.
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/fakes/electron.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
