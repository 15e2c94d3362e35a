import {
  BrowserWindow,
  app,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron';
import { events, type Navigation } from '../../src-shared/ipc/contract.ts';
import { routeHash, routeOfNavigation } from '../../src-shared/ipc/route.ts';
import { emit } from './ipc/ipc-main.ts';

/**
 * The usage window's settings. Electron security checklist: the page runs isolated and
 * sandboxed, without Node, and can reach main only through the preload's named methods.
 */
export function usageWindowOptions(
  preloadPath: string,
  dark: boolean,
): BrowserWindowConstructorOptions {
  return {
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Cloudmeter',
    autoHideMenuBar: true,
    backgroundColor: dark ? '#16181d' : '#f7f7f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

export interface UsageWindowDeps {
  readonly platform: NodeJS.Platform;
  readonly preloadPath: string;
  /** The page to load: the app scheme, or the dev server during `npm run dev`. */
  readonly entryUrl: string;
  readonly dark: () => boolean;
  /** Called with the page's web contents once it has loaded (to push events to it). */
  readonly onReady?: (contents: WebContents) => void;
}

/**
 * The usage window exists only while it is open: created when opened, destroyed when closed,
 * so that with only the tray running there is no renderer process at all.
 */
export class UsageWindow {
  private window: BrowserWindow | null = null;
  private readonly deps: UsageWindowDeps;

  constructor(deps: UsageWindowDeps) {
    this.deps = deps;
  }

  get contents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  get isOpen(): boolean {
    return this.contents !== null;
  }

  /** Opens the window (or brings it forward), optionally on one view. */
  open(navigation?: Navigation): void {
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      this.bringForward(existing);
      if (navigation) emit(events, existing.webContents, 'app:navigate', navigation);
      return;
    }
    const window = new BrowserWindow(usageWindowOptions(this.deps.preloadPath, this.deps.dark()));
    this.window = window;
    window.once('ready-to-show', () => this.bringForward(window));
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.webContents.once('did-finish-load', () => this.deps.onReady?.(window.webContents));
    // A new page starts on the route in its URL: an `app:navigate` sent once it has loaded
    // could arrive before the page listens for it, and be lost.
    void window.loadURL(
      this.deps.entryUrl + (navigation ? routeHash(routeOfNavigation(navigation)) : ''),
    );
  }

  private bringForward(window: BrowserWindow): void {
    window.show();
    window.focus();
    // A menu-bar app (LSUIElement) is not the active app when its tray menu is used: without
    // this, macOS may put the window behind the app that is.
    if (this.deps.platform === 'darwin') app.focus({ steal: true });
  }

  close(): void {
    if (this.window && !this.window.isDestroyed()) this.window.close();
  }
}
