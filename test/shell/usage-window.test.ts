import { beforeEach, describe, expect, it } from 'vitest';
import { UsageWindow, usageWindowOptions } from '../../src-main/shell/usage-window.ts';
import { BrowserWindow, resetElectronFake } from '../fakes/electron.ts';

const entryUrl = 'cloudmeter://app/index.html';

function controller() {
  const ready: unknown[] = [];
  const window = new UsageWindow({
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl,
    dark: () => false,
    onReady: (c) => ready.push(c),
  });
  return { window, ready };
}

describe('the usage window', () => {
  beforeEach(() => resetElectronFake());

  it('follows the Electron security checklist', () => {
    const prefs = usageWindowOptions('/preload.cjs', false).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('is created when opened, with the secure options, and shown once ready', () => {
    const { window, ready } = controller();
    expect(BrowserWindow.all).toHaveLength(0); // only the tray: no renderer process
    window.open();
    const [created] = BrowserWindow.all;
    expect(created!.options).toMatchObject(usageWindowOptions('/app/out/preload/index.cjs', false));
    expect(created!.loadedUrl).toBe(entryUrl);
    expect(created!.visible).toBe(false);
    created!.emit('ready-to-show');
    expect(created!.visible).toBe(true);
    created!.webContents.emit('did-finish-load');
    expect(ready).toEqual([created!.webContents]);
  });

  it('brings the open window forward instead of making a second one', () => {
    const { window } = controller();
    window.open();
    window.open({ view: 'account', accountId: 'idcf' });
    expect(BrowserWindow.all).toHaveLength(1);
    expect(BrowserWindow.all[0]!.focused).toBe(true);
    expect(BrowserWindow.all[0]!.webContents.sent).toEqual([
      { channel: 'app:navigate', payload: { view: 'account', accountId: 'idcf' } },
    ]);
  });

  it('is destroyed when closed, and created anew when opened again', () => {
    const { window } = controller();
    window.open();
    BrowserWindow.all[0]!.close();
    expect(window.isOpen).toBe(false);
    expect(window.contents).toBeNull();
    window.open({ view: 'settings' });
    expect(BrowserWindow.all).toHaveLength(2);
    const second = BrowserWindow.all[1]!;
    expect(second.webContents.sent).toEqual([]); // the page is not loaded yet
    second.webContents.emit('did-finish-load');
    expect(second.webContents.sent).toEqual([
      { channel: 'app:navigate', payload: { view: 'settings' } },
    ]);
  });
});
