import { emptyConfig, type Config } from '../../src-shared/domain/config.ts';
import { IpcRequestError } from '../../src-shared/ipc/result.ts';
import { validateConfig } from '../core/config-validation.ts';
import { Emitter } from '../core/lifecycle.ts';
import { ConfigFileError, readConfigFile, writeConfigFile } from '../platform/config-file.ts';
import type { ProviderRegistry } from '../providers/index.ts';

/**
 * The app's config: the file on disk, validated, and the one in memory that every service
 * reads. Changes go through `update`, which validates, writes atomically, then tells listeners;
 * a change that does not validate is refused and nothing is written.
 */
export class ConfigStore {
  private config: Config;
  private readonly file: string;
  private readonly providers: ProviderRegistry;
  private readonly changed = new Emitter<Config>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly onDidChange = this.changed.event;
  /** Problems of a file that could not be used; while any, the file is never written. */
  readonly problems: readonly string[];

  private constructor(
    file: string,
    providers: ProviderRegistry,
    config: Config,
    problems: readonly string[],
  ) {
    this.file = file;
    this.providers = providers;
    this.config = config;
    this.problems = problems;
  }

  /**
   * Loads the file (a missing one is an empty config). A file with problems does not stop the
   * app: it runs on an empty config, reports the problems, and leaves the file as it is.
   */
  static async open(file: string, providers: ProviderRegistry): Promise<ConfigStore> {
    try {
      return new ConfigStore(
        file,
        providers,
        await readConfigFile(file, providers.descriptorFor),
        [],
      );
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      return new ConfigStore(
        file,
        providers,
        { ...emptyConfig(), preferences: { ...emptyConfig().preferences, demo: 'off' } },
        error.problems,
      );
    }
  }

  get current(): Config {
    return this.config;
  }

  get path(): string {
    return this.file;
  }

  /** Applies `change` to the current config, one change at a time, and writes the result. */
  update(change: (config: Config) => unknown): Promise<Config> {
    const run = this.queue.then(async () => {
      if (this.problems.length > 0) {
        throw new IpcRequestError(
          'conflict',
          `fix the config file first (${this.file}): ${this.problems.join('; ')}`,
        );
      }
      const result = validateConfig(change(this.config), this.providers.descriptorFor);
      if (!result.ok) throw new ConfigFileError(this.file, result.problems);
      await writeConfigFile(this.file, result.config, this.providers.descriptorFor);
      this.config = result.config;
      this.changed.fire(result.config);
      return result.config;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
