import { join } from 'node:path';

export interface AppPaths {
  /** The config file (accounts, quotas, alerts, preferences; never secrets). */
  readonly configFile: string;
  /** Where the usage history database and other app data live. */
  readonly dataDir: string;
}

export interface PathInputs {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** `--config` on the command line wins over everything. */
  readonly configFlag?: string | undefined;
  readonly dataDirFlag?: string | undefined;
}

/**
 * The same paths for the app and the CLI, so that both see the same accounts and history.
 * Precedence: command-line flag, then CLOUDMETER_CONFIG / CLOUDMETER_DATA_DIR, then the
 * platform's conventional folders.
 */
export function resolvePaths(inputs: PathInputs): AppPaths {
  const { platform, env, homedir } = inputs;
  let configDir: string;
  let dataDir: string;
  if (platform === 'darwin') {
    configDir = dataDir = join(homedir, 'Library', 'Application Support', 'Cloudmeter');
  } else if (platform === 'win32') {
    configDir = join(env.APPDATA ?? join(homedir, 'AppData', 'Roaming'), 'Cloudmeter');
    dataDir = join(env.LOCALAPPDATA ?? join(homedir, 'AppData', 'Local'), 'Cloudmeter');
  } else {
    configDir = join(env.XDG_CONFIG_HOME || join(homedir, '.config'), 'cloudmeter');
    dataDir = join(env.XDG_DATA_HOME || join(homedir, '.local', 'share'), 'cloudmeter');
  }
  return {
    configFile: inputs.configFlag || env.CLOUDMETER_CONFIG || join(configDir, 'config.json'),
    dataDir: inputs.dataDirFlag || env.CLOUDMETER_DATA_DIR || dataDir,
  };
}
