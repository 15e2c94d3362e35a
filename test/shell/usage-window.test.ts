import { beforeEach, describe, expect, it } from 'vitest';
import { UsageWindow, usageWindowOptions } from '../../src-main/shell/usage-window.ts';
import { BrowserWindow, app, resetElectronFake } from '../fakes/electron.ts';

const entryUrl = 'cloudmeter://app/index.html';

function controller(platform: NodeJS.Platform = 'linux') {
  const ready: unknown[] = [];
  const window = new UsageWindow({
    platform,
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
    expect(BrowserWindow.all[1]!.loadedUrl).toBe(`${entryUrl}#/settings`);
  });

  it('starts a new window on the route in its URL, which the page reads before it listens for events', () => {
    const { window } = controller();
    window.open({ view: 'account', accountId: 'tokyo vps' });
    const [created] = BrowserWindow.all;
    expect(created!.loadedUrl).toBe(`${entryUrl}#/account/tokyo%20vps`);
    created!.webContents.emit('did-finish-load');
    // Nothing the page could miss: the route is already in the URL.
    expect(created!.webContents.sent).toEqual([]);
  });

  it('on macOS makes the app active when it shows the window, or it may open behind another app', () => {
    const { window } = controller('darwin');
    window.open();
    expect(app.focusCalls).toEqual([]); // not before there is something to show
    BrowserWindow.all[0]!.emit('ready-to-show');
    expect(app.focusCalls).toEqual([{ steal: true }]);
    window.open();
    expect(app.focusCalls).toEqual([{ steal: true }, { steal: true }]);
  });

  it('leaves the other systems’ focus rules alone', () => {
    const { window } = controller('win32');
    window.open();
    BrowserWindow.all[0]!.emit('ready-to-show');
    window.open();
    expect(app.focusCalls).toEqual([]);
  });
});
