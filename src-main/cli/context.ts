import type { Config } from '../../src-shared/domain/config.ts';
import { readConfigFile, writeConfigFile } from '../platform/config-file.ts';
import { resolvePaths, type AppPaths } from '../platform/paths.ts';
import {
  openHistoryOrMemory,
  openHistoryStore,
  openMemoryHistoryStore,
} from '../platform/storage/index.ts';
import type { SqliteHistoryStore } from '../platform/storage/sqlite-history-store.ts';
import type { CliEnvironment, CommandEnvironment } from './cli-env.ts';

/** The config file and data folder a command works on, from --config and the environment. */
export function pathsFor(
  env: CliEnvironment,
  flags: { config?: string | undefined; 'data-dir'?: string | undefined },
): AppPaths {
  return resolvePaths({
    platform: env.platform,
    env: env.env,
    homedir: env.homedir,
    configFlag: flags.config,
    dataDirFlag: flags['data-dir'],
  });
}

/** The user's own time zone (clock times in messages). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The usage history the command reads and writes: the app's database in the data folder (the
 * CLI and the app share it), or a throwaway one with --no-store. `store`: a command that only
 * adds to the history (check) runs on without storing when the file cannot be used as it is,
 * and says so; `read`: one that needs what is stored (export) stops with the reason.
 */
export function openHistoryFor(
  env: CommandEnvironment,
  paths: AppPaths,
  use: 'store' | 'read' | 'no-store',
): SqliteHistoryStore {
  const options = { log: env.log, now: () => env.clock.now() };
  if (use === 'no-store') return openMemoryHistoryStore(options);
  const { store, recovered, unavailable } =
    use === 'store'
      ? openHistoryOrMemory(paths.dataDir, options)
      : { ...openHistoryStore(paths.dataDir, options), unavailable: null };
  if (recovered) {
    env.stderr(
      `cloudmeter: the history database could not be used (${recovered.reason}); it was moved to ${recovered.movedTo} and a new one was started\n`,
    );
  }
  if (unavailable !== null) {
    env.stderr(`cloudmeter: this run is not saved in the usage history: ${unavailable}\n`);
  }
  return store;
}

export function loadConfig(env: CliEnvironment, paths: AppPaths): Promise<Config> {
  return readConfigFile(paths.configFile, env.providers.descriptorFor);
}

export function saveConfig(env: CliEnvironment, paths: AppPaths, config: Config): Promise<void> {
  return writeConfigFile(paths.configFile, config, env.providers.descriptorFor);
}
