import { readFile } from 'node:fs/promises';
import { emptyConfig, type Config } from '../../src-shared/domain/config.ts';
import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import { validateConfig, validateConfigText } from '../core/config-validation.ts';
import { writeFileAtomic } from './files/atomic-write.ts';

type DescriptorLookup = (id: ProviderId) => ProviderDescriptor | undefined;

/** A config file that cannot be used; one problem per line, each naming the file and place. */
export class ConfigFileError extends Error {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[]) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
    this.name = 'ConfigFileError';
    this.file = file;
    this.problems = problems;
  }
}

/** Reads and validates the config file; a missing file is an empty config. Never writes. */
export async function readConfigFile(
  file: string,
  descriptorFor: DescriptorLookup,
): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyConfig();
    throw new ConfigFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  const result = validateConfigText(text, descriptorFor);
  if (!result.ok) throw new ConfigFileError(file, result.problems);
  return result.config;
}

/** Validates, then writes atomically with owner-only permissions. Invalid configs are refused. */
export async function writeConfigFile(
  file: string,
  config: Config,
  descriptorFor: DescriptorLookup,
): Promise<void> {
  const result = validateConfig(config, descriptorFor);
  if (!result.ok) throw new ConfigFileError(file, result.problems);
  await writeFileAtomic(file, `${JSON.stringify(result.config, null, 2)}\n`);
}
