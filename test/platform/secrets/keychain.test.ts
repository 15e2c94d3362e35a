import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretService, type SecretServiceHandle } from '../../support/secret-service.ts';
import { CHILD_TIMEOUT_MS, keychainOps, KEYCHAIN_CHILD, offLinux, runChild } from './children.ts';

/**
 * keytar against a real Secret Service (gnome-keyring on a private D-Bus bus), every keychain
 * call in a child process: a crash must show up as a failed child, not a dead test runner.
 */

const skip = offLinux('test/platform/secrets/keychain.test.ts');

describe.skipIf(skip)('the OS keychain, unlocked', () => {
  let keyring: SecretServiceHandle;
  beforeAll(async () => {
    keyring = await startSecretService();
  });
  afterAll(() => keyring?.stop());

  it(
    'sets, gets, replaces, lists and deletes entries, Unicode included',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const results = await keychainOps(keyring.env, [
        ['set', 'crud', 'apiKey', 'first-value-1'],
        ['get', 'crud', 'apiKey'],
        ['set', 'crud', 'apiKey', 'sécret ✓ 第二'],
        ['get', 'crud', 'apiKey'],
        ['set', 'crud', 'secretKey', 'other-value-2'],
        ['list'],
        ['delete', 'crud', 'apiKey'],
        ['delete', 'crud', 'apiKey'],
        ['get', 'crud', 'apiKey'],
        ['list'],
      ]);
      expect(results).toEqual([
        { value: null },
        { value: 'first-value-1' },
        { value: null },
        { value: 'sécret ✓ 第二' },
        { value: null },
        { value: ['crud/apiKey', 'crud/secretKey'] },
        { value: true },
        { value: false },
        { value: null },
        { value: ['crud/secretKey'] },
      ]);
    },
  );

  it(
    'lets a second process read what the first stored',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      await keychainOps(keyring.env, [['set', 'shared', 'apiKey', 'written-by-the-first']]);
      expect(await keychainOps(keyring.env, [['get', 'shared', 'apiKey']])).toEqual([
        { value: 'written-by-the-first' },
      ]);
    },
  );

  it(
    "lists only this app's entries and leaves another service's alone",
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const other = { ...keyring.env, KEYCHAIN_SERVICE_NAME: 'SomeOtherApp' };
      await keychainOps(other, [['set', 'mine', 'apiKey', 'belongs-to-another-app']]);
      await keychainOps(keyring.env, [['set', 'mine', 'apiKey', 'belongs-to-cloudmeter']]);
      const ours = await keychainOps(keyring.env, [['list'], ['delete', 'mine', 'apiKey']]);
      expect(ours[0]!.value).toContain('mine/apiKey');
      expect(await keychainOps(other, [['get', 'mine', 'apiKey'], ['list']])).toEqual([
        { value: 'belongs-to-another-app' },
        { value: ['mine/apiKey'] },
      ]);
    },
  );
});

describe.skipIf(skip)('the OS keychain, locked', () => {
  let keyring: SecretServiceHandle;
  beforeAll(async () => {
    keyring = await startSecretService();
    await keychainOps(keyring.env, [['set', 'locked', 'apiKey', 'stored-before-locking']]);
    await keyring.lock();
  });
  afterAll(() => keyring?.stop());

  it(
    "reproduces keytar's crash on a locked keyring: the reason every call is guarded",
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const raw = await runChild(KEYCHAIN_CHILD, [JSON.stringify([['list']])], {
        ...keyring.env,
        RAW_KEYTAR: '1',
      });
      expect(raw.signal).toBe('SIGSEGV');
    },
  );

  it(
    'never crashes, and answers every call with the clear "locked" error',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const results = await keychainOps(keyring.env, [
        ['list'],
        ['get', 'locked', 'apiKey'],
        ['set', 'locked', 'apiKey', 'new-value'],
        ['delete', 'locked', 'apiKey'],
      ]);
      for (const result of results) {
        expect(result.error).toMatchObject({ name: 'SecretStoreError', problem: 'locked' });
        expect(result.error!.message).toMatch(
          /^The OS keychain is locked \(keyring "login"\)\. Unlock it .* and try again\.$/,
        );
      }
    },
  );

  it(
    'says the unlock was cancelled when the Secret Service cannot ask the user',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const [result] = await keychainOps({ ...keyring.env, KEYCHAIN_UNLOCK: 'prompt' }, [
        ['get', 'locked', 'apiKey'],
      ]);
      expect(result!.error).toMatchObject({ problem: 'denied' });
      expect(result!.error!.message).toContain(
        'Unlocking the OS keychain (keyring "login") was cancelled',
      );
    },
  );
});

describe.skipIf(skip)('no keychain at all', () => {
  it(
    'says which Secret Service to install when the bus has none',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const bus = await startSecretService({ keyring: false });
      try {
        const results = await keychainOps(bus.env, [
          ['get', 'a', 'apiKey'],
          ['list'],
          ['set', 'a', 'apiKey', 'v-1234'],
        ]);
        for (const result of results) {
          expect(result.error).toMatchObject({ problem: 'unavailable' });
          expect(result.error!.message).toContain('no Secret Service is running');
          expect(result.error!.message).toContain('sudo apt-get install gnome-keyring');
          expect(result.error!.message).toContain('--secrets-from-env');
        }
      } finally {
        await bus.stop();
      }
    },
  );

  it(
    'says there is no session bus when there is none, instead of trying X11',
    { timeout: CHILD_TIMEOUT_MS },
    async () => {
      const runtime = await mkdtemp(join(tmpdir(), 'cloudmeter-nobus-'));
      try {
        const [result] = await keychainOps({ XDG_RUNTIME_DIR: runtime }, [['get', 'a', 'apiKey']]);
        expect(result!.error).toMatchObject({ problem: 'unavailable' });
        expect(result!.error!.message).toMatch(
          /^The OS keychain is not reachable: there is no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)/,
        );
      } finally {
        await rm(runtime, { recursive: true, force: true });
      }
    },
  );
});
