import { join } from 'node:path';
import { app, dialog, nativeTheme, powerMonitor, session } from 'electron';
import { createApiHandlers } from '../app/api-handlers.ts';
import type { AppOptions, AppRuntime } from '../app/create-app.ts';
import { APP_ID } from '../app/identity.ts';
import { DisposableStore, toDisposable } from '../core/lifecycle.ts';
import type { MenuAction } from '../core/tray/menu-model.ts';
import { TrayIcoFiles } from '../platform/icons/tray-ico-files.ts';
import { TrayIconCache } from '../platform/icons/tray-icon-cache.ts';
import { resolvePaths } from '../platform/paths.ts';
import { APP_ENTRY_URL, serveRenderer } from './app-protocol.ts';
import { forwardEvents, registerHandlers } from './ipc/wiring.ts';
import { HIDDEN_FLAG, applyStartAtLogin, startsHidden } from './login-item.ts';
import { NotificationPresenter } from './notifications.ts';
import { allowedExternalUrls, openExternalSafely } from './safe-shell.ts';
import { hardenApp, hardenSession, trustedOrigins } from './security.ts';
import { TrayController } from './tray.ts';
import { UsageWindow } from './usage-window.ts';

export interface ShellOptions {
  readonly platform: NodeJS.Platform;
  /** This process's command line. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** The running executable (for the Linux autostart entry). */
  readonly execPath: string;
  /** The built preload script, and the folder of the built window. */
  readonly preloadPath: string;
  readonly rendererDir: string;
  /** The app's services (src-main/app/create-app.ts). */
  readonly createApp: (options: AppOptions) => Promise<AppRuntime>;
}

export interface RunningShell {
  /**
   * The app was started again while running (its command line): the window opens, unless that
   * start asked to stay hidden (an autostart entry firing while the app already runs).
   */
  relaunched(argv: readonly string[]): void;
  /** Stops the shell and closes the services; the app can quit after. */
  close(): Promise<void>;
}

/**
 * Builds the app's services (src-main/app/) once Electron is ready and puts the Electron parts
 * on top: tray, usage window, notifications, IPC, power events. Rejects if the app cannot run.
 */
export async function startShell(options: ShellOptions): Promise<RunningShell> {
  const { platform, env } = options;
  if (platform === 'darwin') app.dock?.hide();
  // Windows files notifications under this id; the installer's Start-menu shortcut carries it.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  const devServer = env.ELECTRON_RENDERER_URL;
  const origins = trustedOrigins(devServer);
  hardenApp(app, origins);
  hardenSession(session.defaultSession);
  serveRenderer(options.rendererDir);

  const paths = resolvePaths({ platform, env, homedir: options.homedir });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const services: AppRuntime = await options.createApp({
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
  const disposables = new DisposableStore();
  try {
    const window = wireShell(services, disposables, {
      ...options,
      origins,
      timeZone,
      entryUrl: devServer ?? APP_ENTRY_URL,
      trayIconDir: join(paths.dataDir, 'tray-icons'),
    });
    return {
      relaunched: (argv) => {
        if (!argv.includes(HIDDEN_FLAG)) window.open();
      },
      close: () => {
        disposables.dispose();
        return services.close();
      },
    };
  } catch (error) {
    disposables.dispose();
    await services.close();
    throw error;
  }
}

interface WiringOptions extends ShellOptions {
  readonly origins: ReadonlySet<string>;
  readonly timeZone: string;
  readonly entryUrl: string;
  /** Where the Windows tray icon's .ico files are written. */
  readonly trayIconDir: string;
}

/** Puts tray, window, notifications, IPC and power events on the services; returns the window. */
function wireShell(
  services: AppRuntime,
  disposables: DisposableStore,
  options: WiringOptions,
): UsageWindow {
  const { platform, env, timeZone, origins } = options;
  const log = services.log;
  const preferences = () => services.config.current.preferences;
  nativeTheme.themeSource = preferences().theme;

  const window = new UsageWindow({
    platform,
    preloadPath: options.preloadPath,
    entryUrl: options.entryUrl,
    dark: () => nativeTheme.shouldUseDarkColors,
  });
  disposables.add(registerHandlers(createApiHandlers(services), { origins, log }));
  disposables.add(forwardEvents(() => window.contents, services));

  const cache = new TrayIconCache();
  const tray = disposables.add(
    new TrayController({
      platform,
      cache,
      icoFiles: platform === 'win32' ? new TrayIcoFiles(cache, options.trayIconDir) : null,
      now: () => services.clock.now(),
      timeZone,
      locale: app.getLocale(),
      state: () => services.usage.state(),
      settings: () => ({ units: preferences().units, startAtLogin: preferences().startAtLogin }),
      onAction: (action) => runTrayAction(action, services, window),
    }),
  );
  const notifications = new NotificationPresenter({
    openAccount: (accountId) => window.open({ view: 'account', accountId }),
    fallback: (text) => tray.setBanner(text),
    log,
  });
  disposables.add(services.usage.onDidChange(() => tray.render()));
  disposables.add(services.usage.onAlerts((events) => notifications.show(events)));
  if (env.CLOUDMETER_E2E === '1') {
    // Read by the end-to-end smoke test (test/smoke/): Electron cannot read a tray back.
    (globalThis as { cloudmeterE2E?: unknown }).cloudmeterE2E = { trayTooltip: () => tray.tooltip };
  }

  const loginItem = { platform, env, homedir: options.homedir, execPath: options.execPath };
  disposables.add(
    services.config.onDidChange(() => {
      nativeTheme.themeSource = preferences().theme;
      void applyStartAtLogin(app, preferences().startAtLogin, loginItem).catch((error: unknown) =>
        log.warn('could not change start at login', { error: String(error) }),
      );
      tray.render();
    }),
  );

  // Timers stop while the machine sleeps: after waking, overdue accounts are polled once.
  const wake = () => services.usage.wake(services.clock.now());
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  disposables.add(toDisposable(() => powerMonitor.off('resume', wake).off('unlock-screen', wake)));

  services.usage.start();
  const recovered = services.recoveredHistory;
  if (recovered) {
    notifications.notice(
      'Cloudmeter started a new usage history',
      'The history could not be read, so a new one was started. ' +
        `The old file was kept as ${recovered.movedTo}.`,
      () => window.open(),
    );
  }
  if (services.historyUnavailable !== null) {
    notifications.notice(
      'Cloudmeter is not saving usage history',
      `Usage is shown but not kept: ${services.historyUnavailable}`,
      () => window.open(),
    );
  }
  if (services.config.problems.length > 0) {
    tray.setBanner(`Config file has problems: ${services.config.problems[0]}`);
    window.open({ view: 'settings' });
  } else if (!startsHidden(app, options.argv, platform)) {
    window.open();
  }
  return window;
}

/** What a tray menu item does. */
function runTrayAction(action: MenuAction, services: AppRuntime, window: UsageWindow): void {
  const log = services.log;
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
}
