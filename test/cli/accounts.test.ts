import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../src-main/providers/index.ts';
import type { ProviderAdapter } from '../../src-main/providers/provider.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { runCliForTest } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A provider with a secret, an identifier and two kinds of options, for the add command. */
const keyed: ProviderAdapter = {
  ...demoAdapter,
  descriptor: ProviderDescriptorSchema.parse({
    ...demoAdapter.descriptor,
    id: 'cdnetworks',
    displayName: 'Keyed CDN',
    demo: false,
    credentialFields: [
      { key: 'userName', label: 'User name', secret: false },
      { key: 'apiKey', label: 'API key', secret: true },
    ],
    optionFields: [
      { key: 'contract', label: 'Contract id', pattern: '[A-Za-z0-9-]+' },
      { key: 'domains', label: 'Domains', input: 'multiselect', discover: true },
    ],
  }),
};
const providers = createRegistry([demoAdapter, keyed]);

describe('cloudmeter accounts', () => {
  it('lists the demo while nothing is configured', async () => {
    const run = await runCliForTest(['accounts', 'list'], {
      configFile: join(await tempDir(), 'config.json'),
    });
    expect(run.stdout).toMatch(/^ID\s+PROVIDER\s+LABEL/);
    expect(run.stdout).toMatch(/demo\s+demo\s+Demo account \(simulated\)\s+yes\s+15 min/);
    expect(run.stdout).toContain('No accounts in');
  });

  it('adds an account with typed options, writes the config, and lists it instead of the demo', async () => {
    const configFile = join(await tempDir(), 'nested', 'config.json');
    const add = await runCliForTest(
      [
        'accounts',
        'add',
        'cdnetworks',
        '--id',
        'cdn',
        '--label',
        'My CDN',
        '--option',
        'contract=C-0001',
        '--option',
        'userName=me',
        '--option',
        'domains=a.example,b.example',
      ],
      { configFile, providers },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('cloudmeter secret set cdn apiKey');
    const written = JSON.parse(await readFile(configFile, 'utf8')) as {
      accounts: { options: unknown }[];
    };
    expect(written.accounts[0]!.options).toEqual({
      contract: 'C-0001',
      userName: 'me',
      domains: ['a.example', 'b.example'],
    });
    const list = await runCliForTest(['accounts', 'list'], { configFile, providers });
    expect(list.stdout).toMatch(/cdn\s+cdnetworks\s+My CDN/);
    expect(list.stdout).not.toContain('Demo account');
  });

  it('refuses a secret on the command line and never writes it', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const run = await runCliForTest(
      [
        'accounts',
        'add',
        'cdnetworks',
        '--option',
        'apiKey=s3cr3t-value',
        '--option',
        'contract=C1',
      ],
      { configFile, providers },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('this is a secret');
    expect(run.stderr).not.toContain('s3cr3t-value');
    await expect(readFile(configFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('validates options against the descriptor before writing', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const run = await runCliForTest(
      [
        'accounts',
        'add',
        'cdnetworks',
        '--option',
        'contract=no spaces allowed',
        '--option',
        'userName=me',
        '--option',
        'domains=a.example',
      ],
      { configFile, providers },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/options\.contract: does not look like a Contract id/);
    await expect(readFile(configFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('removes an account, and says so when it does not exist', async () => {
    const configFile = join(await tempDir(), 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        version: 1,
        accounts: [
          { id: 'one', provider: 'demo', label: 'One' },
          { id: 'two', provider: 'demo', label: 'Two' },
        ],
      }),
    );
    const run = await runCliForTest(['accounts', 'remove', 'one'], { configFile });
    expect(run.code).toBe(0);
    const left = JSON.parse(await readFile(configFile, 'utf8')) as { accounts: { id: string }[] };
    expect(left.accounts.map((a) => a.id)).toEqual(['two']);
    const again = await runCliForTest(['accounts', 'remove', 'one'], { configFile });
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('no account "one"');
  });

  it('prints help for the command, the provider fields, and the version', async () => {
    const configFile = join(await tempDir(), 'config.json');
    expect((await runCliForTest(['--help'], { configFile })).stdout).toContain(
      'Usage: cloudmeter <command>',
    );
    const fields = await runCliForTest(['accounts', 'add', 'cdnetworks', '--help'], {
      configFile,
      providers,
    });
    expect(fields.stdout).toMatch(/apiKey\s+secret \(keychain\)\s+yes/);
    expect((await runCliForTest(['--version'], { configFile })).stdout).toMatch(
      /^\d+\.\d+\.\d+\n$/,
    );
    const unknown = await runCliForTest(['frobnicate'], { configFile });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
