import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretInput } from '../../src-main/cli/cli-env.ts';
import { SecretStoreError, type SecretStore } from '../../src-main/core/secrets.ts';
import { createRegistry } from '../../src-main/providers/index.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import type { ProviderFake } from '../fakes/provider-fake.ts';
import {
  CHILD_TIMEOUT_MS,
  CLI_CHILD,
  keychainOps,
  offLinux,
} from '../platform/secrets/children.ts';
import { ECHO_GOOD, echoAdapter, startEchoFake } from '../security/echo-provider.ts';
import { runCliForTest } from '../support/cli.ts';
import { startSecretService } from '../support/secret-service.ts';
import { tempDir } from '../support/temp-dir.ts';

const providers = createRegistry([echoAdapter]);
const BOTH = `${ECHO_GOOD.apiKey}\n${ECHO_GOOD.apiSecret}\n`;

let fake: ProviderFake;
beforeAll(async () => {
  fake = await startEchoFake();
});
afterAll(() => fake.close());

/** Standard input as a pipe or a file. */
function piped(text: string): SecretInput {
  return {
    interactive: false,
    readAll: () => Promise.resolve(text),
    promptHidden: () => Promise.reject(new Error('not a terminal')),
  };
}

/** A person at a terminal typing `answers`, one per prompt. */
function typed(answers: string[]): SecretInput & { questions: string[] } {
  const questions: string[] = [];
  return {
    interactive: true,
    questions,
    readAll: () => Promise.reject(new Error('a terminal is not read to its end')),
    promptHidden: (question) => {
      questions.push(question);
      return Promise.resolve(answers.shift() ?? '');
    },
  };
}

async function configWithEcho(...more: object[]): Promise<string> {
  const configFile = join(await tempDir(), 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({ version: 1, accounts: [fake.account('echo'), ...more] }),
  );
  return configFile;
}

function expectNoSecret(...texts: string[]) {
  for (const text of texts)
    for (const secret of [ECHO_GOOD.apiKey, ECHO_GOOD.apiSecret])
      expect(text).not.toContain(secret);
}

describe('cloudmeter secret', () => {
  it('set reads the secrets from standard input, has the provider check them, and stores them', async () => {
    const secrets = new MemorySecretStore();
    const run = await runCliForTest(['secret', 'set', 'echo'], {
      configFile: await configWithEcho(),
      providers,
      secrets,
      input: piped(BOTH),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Stored apiKey, apiSecret for "echo" in the OS keychain. Echo (test provider) accepted the credentials (echo-user ([redacted])).\n',
    );
    expect(Object.fromEntries(secrets.entries)).toEqual({
      'echo/apiKey': ECHO_GOOD.apiKey,
      'echo/apiSecret': ECHO_GOOD.apiSecret,
    });
    expectNoSecret(run.stdout, run.stderr);
  });

  it('never takes a secret from the command line', async () => {
    const secrets = new MemorySecretStore();
    const run = await runCliForTest(
      ['secret', 'set', 'echo', 'apiKey', 'pasted-on-the-command-line'],
      {
        configFile: await configWithEcho(),
        providers,
        secrets,
        input: piped(''),
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('never from an argument');
    expect(run.stderr).not.toContain('pasted-on-the-command-line');
    expect(secrets.entries.size).toBe(0);
  });

  it('never repeats a secret typed where a field name goes', async () => {
    const secrets = new MemorySecretStore({ echo: { apiKey: ECHO_GOOD.apiKey } });
    const configFile = await configWithEcho();
    const typo = 'sk-live-7Hq2pasted-by-mistake';
    const set = await runCliForTest(['secret', 'set', 'echo', typo], {
      configFile,
      providers,
      secrets,
      input: piped(''),
    });
    expect(set.code).toBe(3);
    expect(set.stderr).toBe(
      'account "echo": Echo (test provider) has no secret field by that name; its secret fields: apiKey, apiSecret. The secret itself is never an argument: it is read from standard input or a prompt.\n',
    );
    const remove = await runCliForTest(['secret', 'remove', 'echo', typo], {
      configFile,
      providers,
      secrets,
    });
    expect(remove.code).toBe(0);
    expect(remove.stdout).toBe(
      'No field by that name of "echo" is stored (stored: apiKey); nothing to remove.\n',
    );
    expect(secrets.entries.size).toBe(1);
  });

  it('stores nothing when the provider refuses, and prints its words without the key', async () => {
    const secrets = new MemorySecretStore();
    const run = await runCliForTest(['secret', 'set', 'echo'], {
      configFile: await configWithEcho(),
      providers,
      secrets,
      input: piped('EK-typo-00000000000000\nES-typo-000000000\n'),
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^Echo \(test provider\) did not accept the credentials \(auth\): Echo whoami: credentials rejected \(HTTP 401\): invalid credentials: key \[redacted\], secret \[redacted\], header "Basic \[redacted\]"\nNothing was stored\.\n$/,
    );
    expect(run.stderr).not.toContain('typo');
    expect(secrets.entries.size).toBe(0);
  });

  it('asks at a terminal, one field at a time, and wants every line on a pipe', async () => {
    const secrets = new MemorySecretStore();
    const terminal = typed([ECHO_GOOD.apiKey, ECHO_GOOD.apiSecret]);
    const configFile = await configWithEcho();
    const run = await runCliForTest(['secret', 'set', 'echo'], {
      configFile,
      providers,
      secrets,
      input: terminal,
    });
    expect(run.code).toBe(0);
    expect(terminal.questions).toEqual([
      'API key (apiKey) for "echo" (input hidden): ',
      'API secret (apiSecret) for "echo" (input hidden): ',
    ]);
    const short = await runCliForTest(['secret', 'set', 'echo'], {
      configFile,
      providers,
      secrets: new MemorySecretStore(),
      input: piped(`${ECHO_GOOD.apiKey}\n`),
    });
    expect(short.code).toBe(3);
    expect(short.stderr).toContain(
      'expected 2 line(s) on standard input, one per secret field in this order: apiKey, apiSecret; got 1',
    );
  });

  it('status shows which fields are stored, never their values, and exits 3 while one is missing', async () => {
    const configFile = await configWithEcho();
    const secrets = new MemorySecretStore({
      echo: { apiKey: ECHO_GOOD.apiKey },
      gone: { apiKey: 'orphaned-1' },
    });
    const text = await runCliForTest(['secret', 'status'], { configFile, providers, secrets });
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(
      /^Source: OS keychain\nACCOUNT\s+FIELD\s+STATE\necho\s+apiKey\s+stored\necho\s+apiSecret\s+MISSING\n/,
    );
    expect(text.stdout).toContain('cloudmeter secret set echo');
    expect(text.stdout).toContain('no longer in the config: gone/apiKey');
    const json = await runCliForTest(['secret', 'status', '--json'], {
      configFile,
      providers,
      secrets,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({
      source: 'keychain',
      accounts: [{ account: 'echo', missing: ['apiSecret'] }],
      unused: [{ accountId: 'gone', field: 'apiKey' }],
    });
    expectNoSecret(text.stdout, json.stdout);
    await secrets.set('echo', 'apiSecret', ECHO_GOOD.apiSecret);
    expect(
      (await runCliForTest(['secret', 'status', 'echo'], { configFile, providers, secrets })).code,
    ).toBe(0);
  });

  it("remove deletes one field, or all of the account's", async () => {
    const configFile = await configWithEcho();
    const secrets = new MemorySecretStore({
      echo: { apiKey: 'k-value-1', apiSecret: 's-value-2', oldToken: 'left-by-an-old-version' },
      other: { apiKey: 'kept-value' },
    });
    const one = await runCliForTest(['secret', 'remove', 'echo', 'apiSecret'], {
      configFile,
      providers,
      secrets,
    });
    expect(one.stdout).toBe('Removed apiSecret of "echo" from the OS keychain.\n');
    const all = await runCliForTest(['secret', 'remove', 'echo'], {
      configFile,
      providers,
      secrets,
    });
    expect(all.stdout).toBe('Removed apiKey, oldToken of "echo" from the OS keychain.\n');
    expect([...secrets.entries.keys()]).toEqual(['other/apiKey']);
  });

  it('prints a keychain problem as it is, before anyone types a secret or the provider is asked', async () => {
    const problem = 'The OS keychain is locked (keyring "login"). Unlock it and try again.';
    const locked: SecretStore = {
      get: () => Promise.reject(new SecretStoreError('locked', problem)),
      set: () => Promise.reject(new Error('unreachable')),
      delete: () => Promise.reject(new Error('unreachable')),
      list: () => Promise.reject(new Error('unreachable')),
    };
    const configFile = await configWithEcho();
    const options = { configFile, providers, secrets: locked as MemorySecretStore };
    const status = await runCliForTest(['secret', 'status', 'echo'], options);
    expect([status.code, status.stderr]).toEqual([3, `${problem}\n`]);
    const terminal = typed([ECHO_GOOD.apiKey, ECHO_GOOD.apiSecret]);
    const requests = fake.server.requests.length;
    const set = await runCliForTest(['secret', 'set', 'echo'], { ...options, input: terminal });
    expect([set.code, set.stderr]).toEqual([3, `${problem}\n`]);
    expect(terminal.questions).toEqual([]);
    expect(fake.server.requests.length).toBe(requests);
  });
});

describe('cloudmeter accounts add and remove, with credentials', () => {
  const addArgs = [
    'accounts',
    'add',
    'demo',
    '--id',
    'echo',
    '--option',
    `userName=${ECHO_GOOD.userName}`,
  ];

  it('checks the credentials before writing, and writes neither config nor keychain when refused', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const secrets = new MemorySecretStore();
    const run = await runCliForTest([...addArgs, '--base-url', fake.server.baseUrl], {
      configFile,
      providers,
      secrets,
      input: piped('EK-wrong-key-12345678\nES-wrong-secret-1234\n'),
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('did not accept the credentials (auth)');
    expect(run.stderr).toContain(`Nothing was written: neither ${configFile} nor the OS keychain.`);
    await expect(readFile(configFile, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(secrets.entries.size).toBe(0);
  });

  it('writes the account to the config and its secrets to the keychain once accepted', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const secrets = new MemorySecretStore();
    const run = await runCliForTest([...addArgs, '--base-url', fake.server.baseUrl], {
      configFile,
      providers,
      secrets,
      input: piped(BOTH),
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Stored apiKey, apiSecret in the OS keychain.');
    expect(run.stdout).toContain('Echo (test provider) accepted the credentials');
    const config = await readFile(configFile, 'utf8');
    expect(JSON.parse(config)).toMatchObject({
      accounts: [{ id: 'echo', options: { userName: 'echo-user' } }],
    });
    expectNoSecret(config, run.stdout);
    expect(secrets.entries.size).toBe(2);
  });

  it('checks a pasted value as it will be stored, and asks the provider nothing about a malformed one', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const secrets = new MemorySecretStore();
    const requests = fake.server.requests.length;
    const tooLong = await runCliForTest([...addArgs, '--base-url', fake.server.baseUrl], {
      configFile,
      providers,
      secrets,
      input: piped(`${'k'.repeat(4097)}\n${ECHO_GOOD.apiSecret}\n`),
    });
    expect(tooLong.code).toBe(3);
    expect(tooLong.stderr).toBe('account "echo": apiKey: is longer than 4096 characters\n');
    expect(fake.server.requests.length).toBe(requests);
    await expect(readFile(configFile, 'utf8')).rejects.toThrow(/ENOENT/);
    const padded = await runCliForTest([...addArgs, '--base-url', fake.server.baseUrl], {
      configFile,
      providers,
      secrets,
      input: piped(`  ${ECHO_GOOD.apiKey} \n${ECHO_GOOD.apiSecret}\t\n`),
    });
    expect(padded.stderr).toBe('');
    expect(padded.stdout).toContain('Echo (test provider) accepted the credentials');
    expect(Object.fromEntries(secrets.entries)).toEqual({
      'echo/apiKey': ECHO_GOOD.apiKey,
      'echo/apiSecret': ECHO_GOOD.apiSecret,
    });
  });

  it("removing an account removes its keychain entries and no one else's", async () => {
    const configFile = await configWithEcho({
      id: 'demo-2',
      provider: 'demo',
      label: 'Two',
      options: { userName: 'x' },
    });
    const secrets = new MemorySecretStore({
      echo: { apiKey: ECHO_GOOD.apiKey, apiSecret: ECHO_GOOD.apiSecret },
      'demo-2': { apiKey: 'other-account-key' },
    });
    const run = await runCliForTest(['accounts', 'remove', 'echo'], {
      configFile,
      providers,
      secrets,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Removed its credentials (apiKey, apiSecret) from the OS keychain.',
    );
    expect([...secrets.entries.keys()]).toEqual(['demo-2/apiKey']);
  });
});

describe('--secrets-from-env', () => {
  const vars = {
    CLOUDMETER_SECRET_ECHO_API_KEY: ECHO_GOOD.apiKey,
    CLOUDMETER_SECRET_ECHO_API_SECRET: ECHO_GOOD.apiSecret,
  };

  it('reads the credentials from environment variables, says so, and leaves the keychain alone', async () => {
    const configFile = await configWithEcho();
    const secrets = new MemorySecretStore();
    const run = await runCliForTest(['check', '--json', '--secrets-from-env'], {
      configFile,
      providers,
      secrets,
      env: { CLOUDMETER_CONFIG: configFile, ...vars },
    });
    expect(run.stderr).toContain(
      'credentials are read from CLOUDMETER_SECRET_<ACCOUNT>_<FIELD> environment variables',
    );
    const report = JSON.parse(run.stdout) as {
      accounts: { state: string; meters: { label: string }[] }[];
    };
    expect(report.accounts[0]!.state).toBe('ok');
    expect(report.accounts[0]!.meters[0]!.label).toBe('Transfer of acct-[redacted]');
    expectNoSecret(run.stdout, run.stderr);
    const without = await runCliForTest(['check', '--json'], {
      configFile,
      providers,
      secrets,
      env: { CLOUDMETER_CONFIG: configFile, ...vars },
    });
    expect((JSON.parse(without.stdout) as typeof report).accounts[0]!.state).toBe(
      'needs-credentials',
    );
  });

  it('adds an account checked with the variables, writing only the config', async () => {
    const configFile = join(await tempDir(), 'config.json');
    const secrets = new MemorySecretStore();
    const add = [
      ...['accounts', 'add', 'demo', '--id', 'echo', '--option', `userName=${ECHO_GOOD.userName}`],
      ...['--base-url', fake.server.baseUrl, '--secrets-from-env'],
    ];
    const refused = await runCliForTest(add, {
      configFile,
      providers,
      secrets,
      env: {
        CLOUDMETER_CONFIG: configFile,
        ...vars,
        CLOUDMETER_SECRET_ECHO_API_KEY: 'EK-revoked-1234567',
      },
    });
    expect(refused.code).toBe(3);
    await expect(readFile(configFile, 'utf8')).rejects.toThrow(/ENOENT/);
    const run = await runCliForTest(add, {
      configFile,
      providers,
      secrets,
      env: { CLOUDMETER_CONFIG: configFile, ...vars },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Echo (test provider) accepted the credentials');
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toMatchObject({
      accounts: [{ id: 'echo' }],
    });
    expect(secrets.entries.size).toBe(0);
  });

  it('shows the variable names in status, and refuses to store', async () => {
    const configFile = await configWithEcho();
    const env = { CLOUDMETER_CONFIG: configFile, CLOUDMETER_SECRET_ECHO_API_KEY: 'x-from-env' };
    const status = await runCliForTest(['secret', 'status', '--secrets-from-env'], {
      configFile,
      providers,
      env,
    });
    expect(status.stdout).toMatch(/echo\s+apiKey\s+stored\s+CLOUDMETER_SECRET_ECHO_API_KEY\n/);
    expect(status.stdout).toMatch(
      /echo\s+apiSecret\s+MISSING\s+CLOUDMETER_SECRET_ECHO_API_SECRET\n/,
    );
    const set = await runCliForTest(['secret', 'set', 'echo', '--secrets-from-env'], {
      configFile,
      providers,
      env,
      input: piped(BOTH),
    });
    expect(set.code).toBe(3);
    expect(set.stderr).toContain('run it without --secrets-from-env');
  });
});

const skip = offLinux('the no-echo prompt test in test/cli/secret.test.ts');

describe.skipIf(skip)('the no-echo prompt on a real terminal, into the real keychain', () => {
  it(
    'shows the questions, never the typed secrets, and stores them',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const keyring = await startSecretService();
      try {
        const configFile = await configWithEcho();
        const command = `${process.execPath} ${CLI_CHILD} secret set echo --config ${configFile}`;
        // `script` gives the CLI a pseudo-terminal, as a person's shell would.
        const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            TERM: 'dumb',
            ...keyring.env,
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let screen = '';
        const answers = [ECHO_GOOD.apiKey, ECHO_GOOD.apiSecret];
        const done = new Promise<number | null>((resolve) => child.once('close', resolve));
        child.stdout.on('data', (chunk: Buffer) => {
          screen += chunk.toString();
          const asked = (screen.match(/\(input hidden\): /g) ?? []).length;
          if (asked > 0 && answers.length === 3 - asked) child.stdin.write(`${answers.shift()}\r`);
          if (answers.length === 0 && screen.includes('Stored')) child.stdin.end();
        });
        expect(await done).toBe(0);
        expect(screen).toContain('API key (apiKey) for "echo" (input hidden): ');
        expect(screen).toContain('Stored apiKey, apiSecret for "echo" in the OS keychain.');
        expectNoSecret(screen);
        expect(
          await keychainOps(keyring.env, [
            ['get', 'echo', 'apiKey'],
            ['get', 'echo', 'apiSecret'],
          ]),
        ).toEqual([{ value: ECHO_GOOD.apiKey }, { value: ECHO_GOOD.apiSecret }]);
        child.stdin.end();
      } finally {
        await keyring.stop();
      }
    },
  );
});
