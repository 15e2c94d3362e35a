import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
