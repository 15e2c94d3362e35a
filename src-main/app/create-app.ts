import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpClient } from '../platform/http/undici-http-client.ts';
import { fileLogSink } from '../platform/log/redacting-logger.ts';
import type { AppPaths } from '../platform/paths.ts';
import { createKeytarSecretStore } from '../platform/secrets/keytar-secret-store.ts';
import { systemClock } from '../platform/system-clock.ts';
import { systemScheduler } from '../platform/system-scheduler.ts';
import { ADAPTERS } from '../providers/index.ts';
import type { AppServices } from './api-handlers.ts';
import { composeApp, type AppRuntime } from './compose-app.ts';

export type { AppRuntime } from './compose-app.ts';

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

/**
 * The app's services on the real machine: the OS keychain (prompting to unlock), the history
 * database and the log file in the data folder, the network, the system clock and timers.
 */
export async function createApp(options: AppOptions): Promise<AppRuntime> {
  // The log file lives in the data folder: it must exist before the log is opened.
  mkdirSync(options.paths.dataDir, { recursive: true });
  const http = createHttpClient({ userAgent: `Cloudmeter/${options.version}` });
  const sink = fileLogSink(join(options.paths.dataDir, 'cloudmeter.log'));
  try {
    const app = await composeApp({
      paths: options.paths,
      adapters: ADAPTERS,
      clock: systemClock,
      scheduler: systemScheduler,
      http,
      secrets: createKeytarSecretStore({ unlock: 'prompt' }),
      writeLog: sink.write,
      random: Math.random,
      timeZone: options.timeZone,
      appInfo: { version: options.version, platform: options.platform, locales: options.locales },
      chooseExportFile: options.chooseExportFile,
      openExternal: options.openExternal,
    });
    return {
      ...app,
      close: async () => {
        await app.close();
        await http.close();
        await sink.close();
      },
    };
  } catch (error) {
    await http.close();
    await sink.close();
    throw error;
  }
}
