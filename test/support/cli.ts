import { onTestFinished } from 'vitest';
import { runCli } from '../../src-main/cli/main.ts';
import type { CliEnvironment } from '../../src-main/cli/cli-env.ts';
import { providerRegistry } from '../../src-main/providers/index.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import { FakeClock } from './fake-clock.ts';
import { testHttpClient } from './http.ts';
import { tempDir } from './temp-dir.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process against a config file, a fake clock and an in-memory keychain; the
 * usage history goes to `dataDir` (a fresh temp folder unless given).
 */
export async function runCliForTest(
  argv: readonly string[],
  options: {
    configFile: string;
    now?: string;
    secrets?: MemorySecretStore;
    dataDir?: string;
  } & Partial<CliEnvironment>,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const { configFile, now, dataDir, env, ...overrides } = options;
  const http = testHttpClient();
  onTestFinished(() => http.close());
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    // A test's own variables are added to these, never replace them: without a data dir the
    // CLI would write the history under the (fake) home folder.
    env: {
      CLOUDMETER_CONFIG: configFile,
      CLOUDMETER_DATA_DIR: dataDir ?? (await tempDir()),
      ...env,
    },
    platform: 'linux',
    homedir: '/nonexistent-home',
    clock: new FakeClock(now ?? '2026-11-21T12:00:00Z'),
    http,
    secrets: options.secrets ?? new MemorySecretStore(),
    providers: providerRegistry,
    ...overrides,
  });
  return { code, stdout, stderr };
}
