import { appendFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createApiHandlers } from '../../src-main/app/api-handlers.ts';
import { composeApp } from '../../src-main/app/compose-app.ts';
import { createHttpClient } from '../../src-main/platform/http/undici-http-client.ts';
import { ADAPTERS } from '../../src-main/providers/index.ts';
import type { AccountInput } from '../../src-shared/domain/account.ts';
import type { ConfigInput } from '../../src-shared/domain/config.ts';
import { PROVIDER_FAKES } from '../fakes/index.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import type { ProviderFake } from '../fakes/provider-fake.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeScheduler } from './fake-scheduler.ts';

export interface AppHarnessOptions {
  readonly now?: string;
  /** Providers whose fake to start; an account on each is configured when `configure` is set. */
  readonly fakes?: readonly string[];
  /** Put an account on each started fake into the config, with its secrets in the keychain. */
  readonly configure?: boolean;
  readonly config?: ConfigInput;
}

/**
 * The whole app minus Electron, on real parts: the config file, the SQLite history, the
 * fake providers over HTTP, the polling service with a fake clock, an in-memory keychain.
 * Unit tests of the IPC handlers and the renderer's end-to-end tests (through a test bridge)
 * both run on it. Call close() when done.
 */
export async function startAppHarness(options: AppHarnessOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'cloudmeter-app-'));
  const clock = new FakeClock(options.now ?? '2026-11-21T12:00:00Z');
  const scheduler = new FakeScheduler(clock);
  const fakes = new Map<string, ProviderFake>();
  const secrets = new MemorySecretStore();
  const accounts: AccountInput[] = [];
  for (const provider of options.fakes ?? []) {
    const fake = await PROVIDER_FAKES[provider]!({ now: () => clock.now() });
    fakes.set(provider, fake);
    if (options.configure) {
      accounts.push(fake.account(provider));
      for (const field of fake.secretFields)
        await secrets.set(provider, field, fake.credentials[field]!);
    }
  }
  const configFile = join(dir, 'config.json');
  const config = options.config ?? { version: 1, accounts };
  await writeFile(configFile, JSON.stringify(config));
  const http = createHttpClient({ dispatcher: new Agent(), requestTimeoutMs: 3_000 });
  const logFile = join(dir, 'data', 'cloudmeter.log');
  const opened: string[] = [];
  const exports = { nextPath: undefined as string | null | undefined };
  // The app's own wiring (redaction, config following, history, retention), with the outside
  // world replaced: fake clock and timers, in-memory keychain, fake providers, a plain log file.
  const services = await composeApp({
    paths: { configFile, dataDir: join(dir, 'data') },
    adapters: ADAPTERS,
    clock,
    scheduler,
    http,
    secrets,
    writeLog: (line) => appendFileSync(logFile, line),
    random: () => 0.5,
    timeZone: 'UTC',
    appInfo: { version: '0.0.0-test', platform: 'linux', locales: ['en-US'] },
    chooseExportFile: (name) =>
      Promise.resolve(exports.nextPath === undefined ? join(dir, name) : exports.nextPath),
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve(true);
    },
  });
  const handlers = createApiHandlers(services);
  return {
    services,
    handlers,
    clock,
    scheduler,
    fakes,
    secrets,
    dir,
    configFile,
    /** Everything the app logged, after redaction. */
    logFile,
    opened,
    /** Set to a path, or null to play a cancelled save dialog; undefined saves into `dir`. */
    exports,
    async close() {
      await services.close();
      await http.close();
      await Promise.all([...fakes.values()].map((f) => f.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type AppHarness = Awaited<ReturnType<typeof startAppHarness>>;
