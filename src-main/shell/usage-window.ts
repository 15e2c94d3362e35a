import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { events, type Navigation } from '../../src-shared/ipc/contract.ts';
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
      existing.show();
      existing.focus();
      if (navigation) emit(events, existing.webContents, 'app:navigate', navigation);
      return;
    }
    const window = new BrowserWindow(usageWindowOptions(this.deps.preloadPath, this.deps.dark()));
    this.window = window;
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.webContents.once('did-finish-load', () => {
      this.deps.onReady?.(window.webContents);
      if (navigation) emit(events, window.webContents, 'app:navigate', navigation);
    });
    void window.loadURL(this.deps.entryUrl);
  }

  close(): void {
    if (this.window && !this.window.isDestroyed()) this.window.close();
  }
}
