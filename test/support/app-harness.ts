import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createApiHandlers, type AppServices } from '../../src-main/app/api-handlers.ts';
import { ConfigStore } from '../../src-main/app/config-store.ts';
import { createCredentials } from '../../src-main/core/credentials.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import { UsageService } from '../../src-main/core/polling/usage-service.ts';
import { Redactor } from '../../src-main/core/redact.ts';
import { createHttpClient } from '../../src-main/platform/http/undici-http-client.ts';
import { openHistoryStore } from '../../src-main/platform/storage/index.ts';
import { providerRegistry } from '../../src-main/providers/index.ts';
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
  const redactor = new Redactor();
  const log = silentLogger;
  const http = createHttpClient({ dispatcher: new Agent(), requestTimeoutMs: 3_000 });
  const { store } = openHistoryStore(join(dir, 'data'), { log, now: () => clock.now() });
  const configStore = await ConfigStore.open(configFile, providerRegistry);
  const usage = new UsageService(
    {
      clock,
      scheduler,
      http,
      secrets,
      store,
      providers: providerRegistry,
      log,
      random: () => 0.5,
      timeZone: 'UTC',
      alerts: true,
    },
    configStore.current,
  );
  // As in the app (createApp): the polling service follows every config change.
  configStore.onDidChange((next) => usage.updateConfig(next));
  const opened: string[] = [];
  const exports = { nextPath: undefined as string | null | undefined };
  const services: AppServices = {
    config: configStore,
    usage,
    store,
    providers: providerRegistry,
    credentials: createCredentials({ secrets, http, clock, log, redactor }),
    secrets,
    http,
    clock,
    log,
    appInfo: { version: '0.0.0-test', platform: 'linux', locales: ['en-US'] },
    chooseExportFile: (name) =>
      Promise.resolve(exports.nextPath === undefined ? join(dir, name) : exports.nextPath),
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve(true);
    },
  };
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
    opened,
    /** Set to a path, or null to play a cancelled save dialog; undefined saves into `dir`. */
    exports,
    async close() {
      await usage.stop();
      store.close();
      await http.close();
      await Promise.all([...fakes.values()].map((f) => f.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type AppHarness = Awaited<ReturnType<typeof startAppHarness>>;
