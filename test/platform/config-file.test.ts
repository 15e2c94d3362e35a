import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigFileError,
  readConfigFile,
  writeConfigFile,
} from '../../src-main/platform/config-file.ts';
import { providerRegistry } from '../../src-main/providers/index.ts';
import { emptyConfig, type Config } from '../../src-shared/domain/config.ts';
import { tempDir } from '../support/temp-dir.ts';

const lookup = providerRegistry.descriptorFor;

describe('config file', () => {
  it('reads a missing file as an empty config', async () => {
    expect(await readConfigFile(join(await tempDir(), 'absent.json'), lookup)).toEqual(
      emptyConfig(),
    );
  });

  it('round-trips through an atomic, owner-only write and leaves no temp files', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sub', 'config.json');
    const config: Config = {
      ...emptyConfig(),
      accounts: [{ id: 'd', provider: 'demo', label: 'D', options: {}, enabled: true, quotas: [] }],
    };
    await writeConfigFile(file, config, lookup);
    expect(await readConfigFile(file, lookup)).toEqual(config);
    expect(await readdir(join(dir, 'sub'))).toEqual(['config.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to write an invalid config and keeps the old file', async () => {
    const file = join(await tempDir(), 'config.json');
    await writeFile(file, '{"version":1}');
    const bad = {
      ...emptyConfig(),
      accounts: [
        { id: 'Bad Id', provider: 'demo', label: 'x', options: {}, enabled: true, quotas: [] },
      ],
    } as Config;
    await expect(writeConfigFile(file, bad, lookup)).rejects.toBeInstanceOf(ConfigFileError);
    expect(await readFile(file, 'utf8')).toBe('{"version":1}');
  });

  it('names the file on every problem line', async () => {
    const file = join(await tempDir(), 'config.json');
    await writeFile(file, '{"version": 2}');
    const error = await readConfigFile(file, lookup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toBe(
      `${file}: version: unsupported version 2; this Cloudmeter reads version 1`,
    );
  });

  it('calls a time zone the core cannot compute in a problem of the file, account and field', async () => {
    const file = join(await tempDir(), 'config.json');
    const quota = {
      id: 'transfer',
      match: { kind: 'transfer-total' },
      limit: { amount: 1, unit: 'TB' },
      period: { anchorDay: 1, timeZone: 'JST' },
    };
    const account = { id: 'sim', provider: 'demo', label: 'Sim', quotas: [quota] };
    await writeFile(file, JSON.stringify({ version: 1, accounts: [account] }));
    const error = await readConfigFile(file, lookup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toBe(
      `${file}: account "sim" (accounts[0]): quotas[0].period.timeZone: not an IANA time zone (for example Asia/Tokyo)`,
    );
  });
});
