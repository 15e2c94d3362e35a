import { describe, expect, it, onTestFinished } from 'vitest';
import { SecretStoreError } from '../../../src-main/core/secrets.ts';
import { createKeytarSecretStore } from '../../../src-main/platform/secrets/keytar-secret-store.ts';
import {
  PROMPT_AGAIN_AFTER_MS,
  SecretServiceGuard,
} from '../../../src-main/platform/secrets/secret-service-guard.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { startFakeSecretServiceBus, type FakeKeyring } from './fake-secret-service-bus.ts';

/**
 * The guard in front of keytar, against a Secret Service on a fake bus (a real socket and the
 * real wire format) that fails or dismisses on demand. Runs anywhere Unix sockets do; keytar
 * itself is never loaded: every call here stops at the guard.
 */

async function fakeBus(keyring: FakeKeyring) {
  const bus = await startFakeSecretServiceBus(keyring);
  onTestFinished(() => bus.close());
  return bus;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (error: unknown) => error as SecretStoreError,
  );

describe.skipIf(process.platform === 'win32')('the Secret Service guard', () => {
  it('reports a D-Bus failure during Unlock as a keychain error, not a raw D-Bus one', async () => {
    const bus = await fakeBus({ locked: [true], unlock: 'error' });
    const guard = new SecretServiceGuard({
      env: bus.env,
      unlock: 'prompt',
      promptTimeoutMs: 2_000,
    });
    const error = await failure(guard.ensureReady());
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error.problem).toBe('failed');
    expect(error.message).toMatch(
      /^The OS keychain \(Secret Service\) reported an error: .*NoReply.* Try again/,
    );
    expect(bus.calls).toContain('org.freedesktop.Secret.Service.Unlock');
  });

  it('reports a D-Bus failure while reading the lock state after unlocking the same way', async () => {
    const bus = await fakeBus({ locked: [true, 'error'], unlock: 'unlocks' });
    const guard = new SecretServiceGuard({
      env: bus.env,
      unlock: 'prompt',
      promptTimeoutMs: 2_000,
    });
    const error = await failure(guard.ensureReady());
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error.problem).toBe('failed');
  });

  it('after a dismissed unlock prompt, says "locked" without prompting for a while', async () => {
    const clock = new FakeClock('2026-11-21T12:00:00Z');
    const bus = await fakeBus({ locked: [true], unlock: 'dismissed-prompt' });
    const guard = new SecretServiceGuard({
      env: bus.env,
      unlock: 'prompt',
      promptTimeoutMs: 2_000,
      now: () => clock.now(),
    });
    expect((await failure(guard.ensureReady())).problem).toBe('denied');
    expect(bus.prompts()).toBe(1);
    for (let poll = 0; poll < 3; poll++) {
      clock.advance(60_000);
      const error = await failure(guard.ensureReady());
      expect(error.problem).toBe('locked');
      expect(error.message).toMatch(/^The OS keychain is locked \(keyring "login"\)/);
    }
    expect(bus.prompts()).toBe(1);
    clock.advance(PROMPT_AGAIN_AFTER_MS);
    expect((await failure(guard.ensureReady())).problem).toBe('denied');
    expect(bus.prompts()).toBe(2);
    // Unlocked meanwhile by the user (Passwords and Keys): ready again, no prompt needed.
    bus.keyring.locked = [false];
    await guard.ensureReady();
    expect(bus.prompts()).toBe(2);
  });

  it('prompts again at once when the user stores, deletes or lists a secret', async () => {
    const clock = new FakeClock('2026-11-21T12:00:00Z');
    const bus = await fakeBus({ locked: [true], unlock: 'dismissed-prompt' });
    const store = createKeytarSecretStore({
      platform: 'linux',
      env: bus.env,
      unlock: 'prompt',
      promptTimeoutMs: 2_000,
      now: () => clock.now(),
    });
    expect((await failure(store.get('idcf', 'apiKey'))).problem).toBe('denied');
    expect((await failure(store.get('idcf', 'apiKey'))).problem).toBe('locked');
    expect(bus.prompts()).toBe(1);
    expect((await failure(store.set('idcf', 'apiKey', 'typed-by-the-user'))).problem).toBe(
      'denied',
    );
    expect((await failure(store.delete('idcf', 'apiKey'))).problem).toBe('denied');
    expect((await failure(store.list())).problem).toBe('denied');
    expect(bus.prompts()).toBe(4);
  });
});
