import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { validatedCall } from '../../src-main/app/validated-call.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import { buildPreloadApi } from '../../src-main/shell/preload/preload.ts';
import { BridgeError, bridgeAvailable, request, subscribe } from '../../src-renderer/bridge.ts';
import { PRELOAD_GLOBAL, type RequestChannel } from '../../src-shared/ipc/channels.ts';
import { requests } from '../../src-shared/ipc/contract.ts';
import { startAppHarness } from '../support/app-harness.ts';

const host = globalThis as unknown as { window?: Record<string, unknown> };

/** The real preload, with main's request path (validatedCall on the app's handlers) behind it. */
async function installPreload() {
  const harness = await startAppHarness({ fakes: ['idcf'], configure: true });
  onTestFinished(() => harness.close());
  const emitter = new EventEmitter();
  const api = buildPreloadApi({
    invoke: (channel: string, ...args: unknown[]) => {
      const name = channel as RequestChannel;
      return validatedCall(requests[name], name, args, harness.handlers[name], silentLogger);
    },
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    removeListener: (event: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(event, listener),
  } as never);
  host.window = { [PRELOAD_GLOBAL]: api };
  return { harness, emitter };
}

afterEach(() => {
  delete host.window;
});

describe('the renderer’s bridge', () => {
  it('returns the value of a request that worked', async () => {
    await installPreload();
    const accounts = (await request('config:get')).accounts;
    expect(accounts.map((a) => a.id)).toEqual(['idcf']);
  });

  it('turns a failed reply into a BridgeError with its code and message', async () => {
    await installPreload();
    const failure = await request('usage:periods', 'nobody').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BridgeError);
    expect(failure).toMatchObject({ code: 'not-found', message: 'no account "nobody"' });
    const malformed = await request('usage:periods', 'Not A Slug').catch((e: unknown) => e);
    expect(malformed).toMatchObject({ code: 'bad-request' });
  });

  it('passes events on and stops when unsubscribed', async () => {
    const { emitter } = await installPreload();
    const seen: unknown[] = [];
    const off = subscribe('app:navigate', (navigation) => seen.push(navigation));
    emitter.emit('app:navigate', {}, { view: 'settings' });
    off();
    emitter.emit('app:navigate', {}, { view: 'accounts' });
    expect(seen).toEqual([{ view: 'settings' }]);
  });

  it('says the connection is missing outside the app', async () => {
    host.window = {};
    expect(bridgeAvailable()).toBe(false);
    await expect(request('app:info')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
