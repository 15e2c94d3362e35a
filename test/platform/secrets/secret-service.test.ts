import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DBusConnection,
  DBusError,
} from '../../../src-main/platform/secrets/dbus/dbus-connection.ts';
import {
  collectionName,
  probeSecretService,
  SecretServiceClient,
} from '../../../src-main/platform/secrets/secret-service.ts';
import { startSecretService, type SecretServiceHandle } from '../../support/secret-service.ts';
import { keychainOps, offLinux } from './children.ts';

const skip = offLinux('test/platform/secrets/secret-service.test.ts');

/** The D-Bus probe is plain TypeScript over a socket: it runs in the test process itself. */
describe.skipIf(skip)('the Secret Service probe', () => {
  let keyring: SecretServiceHandle;
  beforeAll(async () => {
    keyring = await startSecretService();
  });
  afterAll(() => keyring?.stop());

  it('finds the unlocked default keyring, and an entry by its attributes only', async () => {
    await keychainOps(keyring.env, [['set', 'probe', 'apiKey', 'never-read-by-the-probe']]);
    const { state, client } = await probeSecretService(keyring.env);
    try {
      expect(state).toEqual({
        state: 'ready',
        collection: '/org/freedesktop/secrets/collection/login',
      });
      const found = await client!.searchItems({ service: 'Cloudmeter', account: 'probe/apiKey' });
      expect(found.locked).toEqual([]);
      expect(found.unlocked).toHaveLength(1);
      expect(await client!.itemAttributes(found.unlocked[0]!)).toMatchObject({
        service: 'Cloudmeter',
        account: 'probe/apiKey',
        'xdg:schema': 'org.freedesktop.Secret.Generic',
      });
    } finally {
      client?.close();
    }
  });

  it('passes D-Bus errors on by name', async () => {
    const bus = await DBusConnection.open(keyring.address);
    try {
      const error = await bus
        .call({
          destination: 'org.freedesktop.secrets',
          path: '/org/freedesktop/secrets',
          interface: 'org.freedesktop.Secret.Service',
          member: 'NoSuchMethod',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DBusError);
      expect((error as DBusError).errorName).toMatch(/^org\.freedesktop\.DBus\.Error\./);
    } finally {
      bus.close();
    }
  });

  it('tells a locked keyring apart, and reports a dismissed unlock prompt', async () => {
    const own = await startSecretService();
    try {
      await own.lock();
      const { state, client } = await probeSecretService(own.env);
      try {
        expect(state).toEqual({
          state: 'locked',
          collection: '/org/freedesktop/secrets/collection/login',
        });
        expect(await client!.unlock(['/org/freedesktop/secrets/collection/login'], 5_000)).toBe(
          'dismissed',
        );
      } finally {
        client?.close();
      }
    } finally {
      await own.stop();
    }
  });

  it('tells "no service" from "no bus"', async () => {
    const bare = await startSecretService({ keyring: false });
    try {
      expect((await probeSecretService(bare.env)).state).toMatchObject({ state: 'no-service' });
    } finally {
      await bare.stop();
    }
    expect((await probeSecretService({})).state).toMatchObject({ state: 'no-bus' });
    expect(
      (await probeSecretService({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).state,
    ).toMatchObject({ state: 'no-bus', detail: expect.stringContaining('ENOENT') as unknown });
  });

  it('names keyrings the way gnome-keyring escapes them in object paths', async () => {
    expect(collectionName('/org/freedesktop/secrets/collection/login')).toBe('login');
    expect(collectionName('/org/freedesktop/secrets/collection/my_20keys')).toBe('my keys');
    await expect(SecretServiceClient.connect('tcp:host=x')).rejects.toThrow(
      /unsupported D-Bus address/,
    );
  });
});
