import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCredentials } from '../core/credentials.ts';
import { DisposableStore, toDisposable } from '../core/lifecycle.ts';
import { UsageService } from '../core/polling/usage-service.ts';
import { scheduleRetention } from '../core/polling/retention.ts';
import { Redactor, redactingAdapter, redactingSecretStore } from '../core/redact.ts';
import { createHttpClient } from '../platform/http/undici-http-client.ts';
import { createRedactingLogger, fileLogSink } from '../platform/log/redacting-logger.ts';
import type { AppPaths } from '../platform/paths.ts';
import { createKeytarSecretStore } from '../platform/secrets/keytar-secret-store.ts';
import { openHistoryStore } from '../platform/storage/index.ts';
import type { RecoveredDatabase } from '../platform/storage/open-database.ts';
import { systemClock } from '../platform/system-clock.ts';
import { systemScheduler } from '../platform/system-scheduler.ts';
import { ADAPTERS, createRegistry } from '../providers/index.ts';
import type { AppServices } from './api-handlers.ts';
import { ConfigStore } from './config-store.ts';

export interface AppOptions {
  readonly paths: AppPaths;
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly locales: readonly string[];
  /** The user's IANA zone. */
  readonly timeZone: string;
  readonly chooseExportFile: AppServices['chooseExportFile'];
  readonly openExternal: AppServices['openExternal'];
}

export interface AppRuntime extends AppServices {
  /** A history file that had to be moved aside at start, to tell the user about. */
  readonly recoveredHistory: RecoveredDatabase | null;
  readonly close: () => Promise<void>;
}

/**
 * The app's services on the real machine: the OS keychain, the history database and the log
 * in the data folder, the network. No Electron here: the shell adds windows, tray and
 * notifications on top. Every secret that passes through is registered with one redactor,
 * and the log, the keychain and the adapters' errors all go through it.
 */
export async function createApp(options: AppOptions): Promise<AppRuntime> {
  const disposables = new DisposableStore();
  mkdirSync(options.paths.dataDir, { recursive: true });
  const redactor = new Redactor();
  const sink = fileLogSink(join(options.paths.dataDir, 'cloudmeter.log'));
  const log = createRedactingLogger({ redactor, write: sink.write });
  const providers = createRegistry(ADAPTERS.map((a) => redactingAdapter(a, redactor)));
  const config = await ConfigStore.open(options.paths.configFile, providers);
  if (config.problems.length > 0)
    log.error('config file has problems; running without it', { problems: config.problems });
  const secrets = redactingSecretStore(createKeytarSecretStore({ unlock: 'prompt' }), redactor);
  const http = createHttpClient({ userAgent: `Cloudmeter/${options.version}` });
  const clock = systemClock;
  const { store, recovered } = openHistoryStore(options.paths.dataDir, {
    log,
    now: () => clock.now(),
  });
  const usage = new UsageService(
    {
      clock,
      scheduler: systemScheduler,
      http,
      secrets,
      store,
      providers,
      log,
      random: Math.random,
      timeZone: options.timeZone,
      alerts: true,
    },
    config.current,
  );
  disposables.add(config.onDidChange((next) => usage.updateConfig(next)));
  disposables.add(
    scheduleRetention({ scheduler: systemScheduler, clock, store, log }, () => ({
      hourlyDays: config.current.preferences.hourlyHistoryDays,
    })),
  );
  disposables.add(toDisposable(() => void http.close()));
  return {
    config,
    usage,
    store,
    providers,
    credentials: createCredentials({ secrets, http, clock, log, redactor }),
    secrets,
    http,
    clock,
    log,
    appInfo: { version: options.version, platform: options.platform, locales: options.locales },
    chooseExportFile: options.chooseExportFile,
    openExternal: options.openExternal,
    recoveredHistory: recovered,
    close: async () => {
      await usage.stop();
      disposables.dispose();
      store.close();
      await sink.close();
    },
  };
}
