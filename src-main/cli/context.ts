import type { Config } from '../../src-shared/domain/config.ts';
import { readConfigFile, writeConfigFile } from '../platform/config-file.ts';
import { resolvePaths, type AppPaths } from '../platform/paths.ts';
import type { CliEnvironment } from './cli-env.ts';

/** The config file and data folder a command works on, from --config and the environment. */
export function pathsFor(env: CliEnvironment, flags: { config?: string | undefined }): AppPaths {
  return resolvePaths({
    platform: env.platform,
    env: env.env,
    homedir: env.homedir,
    configFlag: flags.config,
  });
}

export function loadConfig(env: CliEnvironment, paths: AppPaths): Promise<Config> {
  return readConfigFile(paths.configFile, env.providers.descriptorFor);
}

export function saveConfig(env: CliEnvironment, paths: AppPaths, config: Config): Promise<void> {
  return writeConfigFile(paths.configFile, config, env.providers.descriptorFor);
}
