// The shell started for real under the fake electron module: the real services (createApp)
// in a temporary home, with the demo account, a real SQLite file and a real log.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type AppRuntime } from '../../src-main/app/create-app.ts';
import { APP_ID } from '../../src-main/app/identity.ts';
import { DEMO_ACCOUNT } from '../../src-main/core/accounts.ts';
import { HISTORY_FILE } from '../../src-main/platform/storage/index.ts';
import { SCHEMA_VERSION } from '../../src-main/platform/storage/migrations.ts';
import { APP_ENTRY_URL } from '../../src-main/shell/app-protocol.ts';
import { startShell, type RunningShell } from '../../src-main/shell/start-shell.ts';
import {
  BrowserWindow,
  Notification,
  Tray,
  app,
  powerMonitor,
  resetElectronFake,
  type FakeNativeImage,
} from '../fakes/electron.ts';
import { tempDir } from '../support/temp-dir.ts';

type MenuItems = { label?: string; checked?: boolean; click?: () => void; submenu?: MenuItems }[];

const running: RunningShell[] = [];

interface StartOptions {
  readonly platform?: NodeJS.Platform;
  readonly argv?: readonly string[];
  /** Prepares the temporary home before the app starts. */
  readonly before?: (dataDir: string) => void;
}

async function start(options: StartOptions = {}) {
  const home = await tempDir('cloudmeter-shell-');
  const dataDir = join(home, 'data');
  const env = {
    CLOUDMETER_CONFIG: join(home, 'config.json'),
    CLOUDMETER_DATA_DIR: dataDir,
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
  };
  options.before?.(dataDir);
  let runtime: AppRuntime | undefined;
  const shell = await startShell({
    platform: options.platform ?? 'linux',
    argv: options.argv ?? ['/opt/Cloudmeter/cloudmeter'],
    env,
    homedir: home,
    execPath: '/opt/Cloudmeter/cloudmeter',
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: '/app/out/renderer',
    createApp: async (appOptions) => (runtime = await createApp(appOptions)),
  });
  running.push(shell);
  const tray = Tray.all.at(-1)!;
  const menu = () => tray.menu!.items as MenuItems;
  const item = (label: string) => menu().find((i) => i.label?.startsWith(label))!;
  return { shell, runtime: runtime!, tray, item, env, dataDir };
}

const windows = () => BrowserWindow.getAllWindows();

describe('the shell started on the real services', () => {
  beforeEach(() => resetElectronFake());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((shell) => shell.close()));
  });

  it('puts up the tray and opens the window on our page', async () => {
    const { tray } = await start();
    expect(tray.tooltip).toContain(DEMO_ACCOUNT.label);
    expect(windows().map((w) => w.loadedUrl)).toEqual([APP_ENTRY_URL]);
    expect(app.appUserModelId).toBeNull();
  });

  it('stays in the tray when started at login with --hidden (Windows, Linux autostart)', async () => {
    await start({ argv: ['/opt/Cloudmeter/cloudmeter', '--hidden'] });
    expect(windows()).toEqual([]);
    expect(Tray.all.filter((t) => !t.destroyed)).toHaveLength(1);
  });

  it('stays in the tray when macOS opened it as a login item, which passes no arguments', async () => {
    app.openedAtLogin = true;
    await start({ platform: 'darwin' });
    expect(windows()).toEqual([]);
    expect(app.dock.hidden).toBe(true);
  });

  it('registers its AppUserModelID on Windows, and draws the tray from an .ico file', async () => {
    const { tray, dataDir } = await start({ platform: 'win32' });
    expect(app.appUserModelId).toBe(APP_ID);
    const icon = (tray.image as FakeNativeImage).path!;
    expect(readdirSync(join(dataDir, 'tray-icons'))).toEqual([basename(icon)]);
  });

  it('opens the window when started again, unless that start asks to stay hidden', async () => {
    const { shell } = await start({ argv: ['cloudmeter', '--hidden'] });
    shell.relaunched(['cloudmeter', '--hidden']); // the autostart entry, while running
    expect(windows()).toEqual([]);
    shell.relaunched(['cloudmeter']);
    expect(windows()).toHaveLength(1);
  });

  it('redraws the tray when the service reports new usage', async () => {
    const { tray, item, runtime } = await start({ argv: ['cloudmeter', '--hidden'] });
    const reading = tray.tooltip;
    const menuBefore = tray.menu;
    item('Refresh now').click!(); // the demo account is read now instead of within 20 s
    await vi.waitFor(() => expect(tray.tooltip).not.toBe(reading), { timeout: 10_000 });
    expect(runtime.usage.state().accounts[0]!.fetchedAt).not.toBeNull();
    expect(runtime.store.polls(DEMO_ACCOUNT.id, 5)).toHaveLength(1);
    expect(tray.menu).not.toBe(menuBefore);
    expect(tray.tooltip).toMatch(/Demo account \(simulated\): \d+%/);
  });

  it('runs the tray menu’s actions on the services', async () => {
    const { item, runtime, env } = await start({ argv: ['cloudmeter', '--hidden'] });
    item('Pause notifications').submenu!.find((i) => i.label === 'For 1 hour')!.click!();
    expect(runtime.usage.state().notificationsPausedUntil).toBeGreaterThan(Date.now());
    expect(item('Notifications paused until')).toBeDefined();

    item('Start at login').click!();
    const autostart = join(env.XDG_CONFIG_HOME, 'autostart', 'cloudmeter.desktop');
    await vi.waitFor(() => expect(existsSync(autostart)).toBe(true));
    expect(readFileSync(autostart, 'utf8')).toContain('Exec=/opt/Cloudmeter/cloudmeter --hidden');
    expect(runtime.config.current.preferences.startAtLogin).toBe(true);
    expect(item('Start at login').checked).toBe(true);

    item(DEMO_ACCOUNT.label).click!();
    expect(windows().map((w) => w.loadedUrl)).toEqual([`${APP_ENTRY_URL}#/account/demo`]);
    item('Quit Cloudmeter').click!();
    expect(app.quitCalled).toBe(true);
  });

  it('polls overdue accounts when the machine resumes or the screen is unlocked', async () => {
    const { runtime } = await start();
    const wake = vi.spyOn(runtime.usage, 'wake');
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(wake).toHaveBeenCalledTimes(2);
    await running.pop()!.close();
    powerMonitor.emit('resume'); // stopped: no longer listening
    expect(wake).toHaveBeenCalledTimes(2);
  });

  it('tells the user when the history could not be read and was moved aside', async () => {
    const { runtime } = await start({
      argv: ['cloudmeter', '--hidden'],
      before: (dataDir) => {
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(join(dataDir, HISTORY_FILE), 'not a database, but long enough to be read');
      },
    });
    const movedTo = runtime.recoveredHistory!.movedTo;
    expect(existsSync(movedTo)).toBe(true);
    const [notice] = Notification.shown;
    expect(notice!.options.title).toBe('Cloudmeter started a new usage history');
    expect(notice!.options.body).toContain(movedTo);
    notice!.emit('click');
    expect(windows()).toHaveLength(1);
  });

  it('runs on a history it cannot use (a newer Cloudmeter wrote it), says so and moves nothing', async () => {
    const { runtime, tray } = await start({
      argv: ['cloudmeter', '--hidden'],
      before: (dataDir) => {
        mkdirSync(dataDir, { recursive: true });
        const db = new Database(join(dataDir, HISTORY_FILE));
        db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
        db.close();
      },
    });
    expect(runtime.historyUnavailable).toMatch(/newer Cloudmeter/);
    expect(runtime.recoveredHistory).toBeNull();
    const [notice] = Notification.shown;
    expect(notice!.options.title).toBe('Cloudmeter is not saving usage history');
    expect(notice!.options.body).toContain('update it');
    expect(tray.tooltip).toContain(DEMO_ACCOUNT.label);
  });

  it('puts that in the tray where the system has no notifications', async () => {
    Notification.supported = false;
    const { tray } = await start({
      argv: ['cloudmeter', '--hidden'],
      before: (dataDir) => {
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(join(dataDir, HISTORY_FILE), 'not a database, but long enough to be read');
      },
    });
    expect(tray.tooltip).toMatch(/^⚠ Cloudmeter started a new usage history: /);
  });
});
