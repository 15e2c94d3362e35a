import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/logger.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src-main/shell/app-protocol.ts';
import { forwardEvents, registerHandlers } from '../../src-main/shell/ipc/wiring.ts';
import { REQUEST_CHANNELS } from '../../src-shared/ipc/channels.ts';
import { FakeWebContents, ipcMain, resetElectronFake } from '../fakes/electron.ts';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';

describe('IPC wiring over the real app services', () => {
  let h: AppHarness;
  beforeEach(async () => {
    resetElectronFake();
    h = await startAppHarness({ fakes: ['idcf'], configure: true });
  });
  afterEach(() => h.close());

  it('registers every contract channel, answers our page and refuses others', async () => {
    const registration = registerHandlers(h.handlers, {
      origins: new Set([APP_ORIGIN]),
      log: silentLogger,
    });
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const reply = (await ipcMain.invokeFrom({ url: APP_ENTRY_URL }, 'config:get')) as {
      ok: boolean;
      value: { accounts: { id: string }[] };
    };
    expect(reply.ok).toBe(true);
    expect(reply.value.accounts.map((a) => a.id)).toEqual(['idcf']);
    expect(await ipcMain.invokeFrom({ url: 'https://evil.example/' }, 'config:get')).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(await ipcMain.invokeFrom({ url: APP_ENTRY_URL }, 'usage:refresh', 42)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    registration.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('pushes usage and config changes to the open window', async () => {
    const contents = new FakeWebContents();
    let open: FakeWebContents | null = contents;
    const forwarding = forwardEvents(() => open as never, h.services);
    await h.handlers['usage:refresh']();
    await h.handlers['settings:update']({ preferences: { units: 'iec' } });
    expect(contents.sent.map((s) => s.channel)).toContain('usage:changed');
    expect(contents.sent.find((s) => s.channel === 'config:changed')!.payload).toMatchObject({
      preferences: { units: 'iec' },
    });
    open = null; // closed: nothing to send to, and nothing breaks
    await h.handlers['usage:refresh']();
    forwarding.dispose();
  });
});
