import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, nativeTheme, powerMonitor, session } from 'electron';
import { createApiHandlers } from '../app/api-handlers.ts';
import { createApp, type AppRuntime } from '../app/create-app.ts';
import { APP_ID } from '../app/identity.ts';
import { DisposableStore, toDisposable } from '../core/lifecycle.ts';
import type { MenuAction } from '../core/tray/menu-model.ts';
import { TrayIconCache } from '../platform/icons/tray-icon-cache.ts';
import { resolvePaths } from '../platform/paths.ts';
import { APP_ENTRY_URL, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { forwardEvents, registerHandlers } from './ipc/wiring.ts';
import { HIDDEN_FLAG, applyStartAtLogin } from './login-item.ts';
import { NotificationPresenter } from './notifications.ts';
import { allowedExternalUrls, openExternalSafely } from './safe-shell.ts';
import { hardenApp, hardenSession, trustedOrigins } from './security.ts';
import { TrayController } from './tray.ts';
import { UsageWindow } from './usage-window.ts';

// The composition root: builds the services (src-main/app/) and puts the Electron parts on
// top. Everything with logic lives elsewhere and is tested under plain Node.

registerAppScheme();

const disposables = new DisposableStore();
let runtime: AppRuntime | null = null;
let quitting = false;

async function start(): Promise<void> {
  const platform = process.platform;
  if (platform === 'darwin') app.dock?.hide();
  // Windows files notifications under this id; the installer's Start-menu shortcut carries it.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  const devServer = process.env.ELECTRON_RENDERER_URL;
  const origins = trustedOrigins(devServer);
  hardenApp(app, origins);
  hardenSession(session.defaultSession);
  serveRenderer(join(import.meta.dirname, '../renderer'));

  const paths = resolvePaths({ platform, env: process.env, homedir: homedir() });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const services = await createApp({
    paths,
    version: app.getVersion(),
    platform,
    locales: app.getPreferredSystemLanguages(),
    timeZone,
    chooseExportFile: async (name) => {
      const result = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('downloads'), name),
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    openExternal: (url) =>
      openExternalSafely(
        url,
        allowedExternalUrls(services.providers.adapters.map((a) => a.descriptor)),
      ),
  });
  runtime = services;
  const log = services.log;
  const preferences = () => services.config.current.preferences;
  nativeTheme.themeSource = preferences().theme;

  const window = new UsageWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    entryUrl: devServer ?? APP_ENTRY_URL,
    dark: () => nativeTheme.shouldUseDarkColors,
  });
  disposables.add(registerHandlers(createApiHandlers(services), { origins, log }));
  disposables.add(forwardEvents(() => window.contents, services));

  const onAction = (action: MenuAction): void => {
    switch (action.kind) {
      case 'open-account':
        return window.open({ view: 'account', accountId: action.accountId });
      case 'open-window':
        return window.open();
      case 'refresh':
        return void services.usage
          .refresh()
          .catch((error: unknown) => log.warn('refresh failed', { error: String(error) }));
      case 'pause':
        return services.usage.pauseNotifications(action.until);
      case 'start-at-login':
        return void services.config
          .update((config) => ({
            ...config,
            preferences: { ...config.preferences, startAtLogin: action.enabled },
          }))
          .catch((error: unknown) =>
            log.warn('could not change start at login', { error: String(error) }),
          );
      case 'quit':
        return app.quit();
    }
  };
  const tray = disposables.add(
    new TrayController({
      platform,
      cache: new TrayIconCache(),
      now: () => services.clock.now(),
      timeZone,
      locale: app.getLocale(),
      state: () => services.usage.state(),
      settings: () => ({ units: preferences().units, startAtLogin: preferences().startAtLogin }),
      onAction,
    }),
  );
  const notifications = new NotificationPresenter({
    openAccount: (accountId) => window.open({ view: 'account', accountId }),
    fallback: (text) => tray.setBanner(text),
    log,
  });
  disposables.add(services.usage.onDidChange(() => tray.render()));
  if (process.env.CLOUDMETER_E2E === '1') {
    // Read by the end-to-end smoke test (test/smoke/): Electron cannot read a tray back.
    (globalThis as { cloudmeterE2E?: unknown }).cloudmeterE2E = { trayTooltip: () => tray.tooltip };
  }
  disposables.add(services.usage.onAlerts((events) => notifications.show(events)));

  const loginItem = { platform, env: process.env, homedir: homedir(), execPath: process.execPath };
  const applyPreferences = () => {
    nativeTheme.themeSource = preferences().theme;
    void applyStartAtLogin(app, preferences().startAtLogin, loginItem).catch((error: unknown) =>
      log.warn('could not change start at login', { error: String(error) }),
    );
    tray.render();
  };
  disposables.add(services.config.onDidChange(applyPreferences));

  // Timers stop while the machine sleeps: after waking, overdue accounts are polled once.
  const wake = () => services.usage.wake(services.clock.now());
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  disposables.add(toDisposable(() => powerMonitor.off('resume', wake).off('unlock-screen', wake)));

  services.usage.start();
  if (services.recoveredHistory) {
    notifications.show([]);
    tray.setBanner(
      `The usage history could not be read and was moved aside (${services.recoveredHistory.movedTo}); a new one was started.`,
    );
  }
  if (services.config.problems.length > 0) {
    tray.setBanner(`Config file has problems: ${services.config.problems[0]}`);
    window.open({ view: 'settings' });
  } else if (!process.argv.includes(HIDDEN_FLAG)) {
    window.open();
  }
  app.on('second-instance', () => window.open());
}

if (!app.requestSingleInstanceLock()) {
  // Another Cloudmeter is running: it opens its window (second-instance), this one leaves.
  app.quit();
} else {
  void app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox(
      'Cloudmeter could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    if (quitting || !runtime) return;
    event.preventDefault();
    quitting = true;
    disposables.dispose();
    void runtime.close().finally(() => app.quit());
  });
}
