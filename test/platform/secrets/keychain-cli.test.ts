import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderFake } from '../../fakes/provider-fake.ts';
import { ECHO_GOOD, startEchoFake } from '../../security/echo-provider.ts';
import { startSecretService, type SecretServiceHandle } from '../../support/secret-service.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { CHILD_TIMEOUT_MS, CLI_CHILD, keychainOps, offLinux, runChild } from './children.ts';

const skip = offLinux('test/platform/secrets/keychain-cli.test.ts');

/** The CLI's secret commands in a real process, on a real Secret Service. */
describe.skipIf(skip)('cloudmeter on the real OS keychain', () => {
  let keyring: SecretServiceHandle;
  let fake: ProviderFake;
  let configFile: string;
  beforeAll(async () => {
    [keyring, fake] = await Promise.all([startSecretService(), startEchoFake()]);
  });
  afterAll(async () => {
    await Promise.all([keyring?.stop(), fake?.close()]);
  });

  const cli = (args: string[], input = '') =>
    runChild(CLI_CHILD, [...args, '--config', configFile], keyring.env, input);

  it(
    'stores checked secrets, shows their state, and deletes them with the account',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      configFile = join(await tempDir(), 'config.json');
      await writeFile(configFile, JSON.stringify({ version: 1, accounts: [fake.account('echo')] }));
      await keychainOps(keyring.env, [['set', 'keep', 'apiKey', 'another-accounts-key']]);

      const set = await cli(
        ['secret', 'set', 'echo'],
        `${ECHO_GOOD.apiKey}\n${ECHO_GOOD.apiSecret}\n`,
      );
      expect(set.stderr).toBe('');
      expect(set.stdout).toContain('Stored apiKey, apiSecret for "echo" in the OS keychain.');
      const status = await cli(['secret', 'status']);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/echo\s+apiKey\s+stored\necho\s+apiSecret\s+stored\n/);
      expect(status.stdout).toContain('no longer in the config: keep/apiKey');
      const check = await cli(['check', '--json']);
      expect(
        (JSON.parse(check.stdout) as { accounts: { state: string }[] }).accounts[0]!.state,
      ).toBe('ok');

      const removed = await cli(['accounts', 'remove', 'echo']);
      expect(removed.code).toBe(0);
      expect(removed.stdout).toContain(
        'Removed its credentials (apiKey, apiSecret) from the OS keychain.',
      );
      expect(await keychainOps(keyring.env, [['list']])).toEqual([{ value: ['keep/apiKey'] }]);
    },
  );

  it(
    'stops with the "locked" message, not a crash, when the keyring is locked',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      configFile = join(await tempDir(), 'config.json');
      await writeFile(configFile, JSON.stringify({ version: 1, accounts: [fake.account('echo')] }));
      await keyring.lock();
      for (const args of [
        ['secret', 'status'],
        ['accounts', 'remove', 'echo'],
      ]) {
        const run = await cli(args);
        expect(run.signal, args.join(' ')).toBeNull();
        expect(run.code, args.join(' ')).toBe(3);
        expect(run.stderr).toMatch(
          /^The OS keychain is locked \(keyring "login"\)\. Unlock it .*\n$/,
        );
      }
      // `check` reports the locked keychain as that account's problem and goes on.
      const check = await cli(['check']);
      expect(check.signal).toBeNull();
      expect(check.code).toBe(3);
      expect(check.stdout).toMatch(
        /error \(auth\): The OS keychain is locked \(keyring "login"\)\. Unlock it/,
      );
    },
  );
});
