import { mkdirSync } from 'node:fs';
import type { Clock } from '../core/clock.ts';
import { createCredentials } from '../core/credentials.ts';
import type { HttpClient } from '../core/http.ts';
import { DisposableStore } from '../core/lifecycle.ts';
import { UsageService } from '../core/polling/usage-service.ts';
import { scheduleRetention } from '../core/polling/retention.ts';
import { Redactor, redactingAdapter, redactingSecretStore } from '../core/redact.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { SecretStore } from '../core/secrets.ts';
import { createRedactingLogger } from '../platform/log/redacting-logger.ts';
import type { AppPaths } from '../platform/paths.ts';
import { openHistoryOrMemory, type RecoveredDatabase } from '../platform/storage/index.ts';
import type { ProviderAdapter } from '../providers/provider.ts';
import { createRegistry } from '../providers/index.ts';
import type { AppServices } from './api-handlers.ts';
import { ConfigStore } from './config-store.ts';

/** What differs between the real machine (createApp) and the tests' harness. */
export interface AppParts {
  readonly paths: AppPaths;
  readonly adapters: readonly ProviderAdapter[];
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly http: HttpClient;
  /** The keychain as it is: secrets read from it are registered with the app's redactor here. */
  readonly secrets: SecretStore;
  /** Where log lines go (the log file in the app), after redaction. */
  readonly writeLog: (line: string) => void;
  readonly random: () => number;
  /** The user's IANA zone. */
  readonly timeZone: string;
  readonly appInfo: AppServices['appInfo'];
  readonly chooseExportFile: AppServices['chooseExportFile'];
  readonly openExternal: AppServices['openExternal'];
}

export interface AppRuntime extends AppServices {
  /** A history file that had to be moved aside at start, to tell the user about. */
  readonly recoveredHistory: RecoveredDatabase | null;
  /** Why nothing is being saved in the usage history (the file could not be used), or null. */
  readonly historyUnavailable: string | null;
  readonly close: () => Promise<void>;
}

/**
 * The app's services wired together, without Electron: one redactor that every secret passing
 * through is registered with, and that the log, the keychain and the adapters' errors all go
 * through; the config store, which the polling service follows; the history, kept running in
 * memory when the file cannot be used; the retention job. The shell adds windows, tray and
 * notifications on top; the tests' harness runs exactly this with fakes for the outside world.
 */
export async function composeApp(parts: AppParts): Promise<AppRuntime> {
  const disposables = new DisposableStore();
  mkdirSync(parts.paths.dataDir, { recursive: true });
  const redactor = new Redactor();
  const log = createRedactingLogger({ redactor, write: parts.writeLog });
  const providers = createRegistry(parts.adapters.map((a) => redactingAdapter(a, redactor)));
  const config = await ConfigStore.open(parts.paths.configFile, providers);
  if (config.problems.length > 0)
    log.error('config file has problems; running without it', { problems: config.problems });
  const secrets = redactingSecretStore(parts.secrets, redactor);
  const { clock, scheduler, http } = parts;
  const { store, recovered, unavailable } = openHistoryOrMemory(parts.paths.dataDir, {
    log,
    now: () => clock.now(),
  });
  const usage = new UsageService(
    {
      clock,
      scheduler,
      http,
      secrets,
      store,
      providers,
      log,
      random: parts.random,
      timeZone: parts.timeZone,
      alerts: true,
    },
    config.current,
  );
  disposables.add(config.onDidChange((next) => usage.updateConfig(next)));
  disposables.add(
    scheduleRetention({ scheduler, clock, store, log }, () => ({
      hourlyDays: config.current.preferences.hourlyHistoryDays,
    })),
  );
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
    appInfo: parts.appInfo,
    chooseExportFile: parts.chooseExportFile,
    openExternal: parts.openExternal,
    recoveredHistory: recovered,
    historyUnavailable: unavailable,
    close: async () => {
      await usage.stop();
      disposables.dispose();
      store.close();
    },
  };
}
