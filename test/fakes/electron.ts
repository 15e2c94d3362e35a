/**
 * The one shared fake of the `electron` module (vitest aliases `electron` to this file), so
 * that the shell's logic runs under plain Node. It records what the shell asked for and lets
 * tests play the user and the OS: click a tray, close a window, resume from sleep, call IPC.
 * It implements only what the shell uses; the real types check the shell itself.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

class Events {
  private readonly emitter = new EventEmitter();
  on(event: string, listener: Listener): this {
    this.emitter.on(event, listener);
    return this;
  }
  once(event: string, listener: Listener): this {
    this.emitter.once(event, listener);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.emitter.off(event, listener);
    return this;
  }
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.emitter.emit(event, ...args);
  }
  listenerCount(event: string): number {
    return this.emitter.listenerCount(event);
  }
  removeAllListeners(): this {
    this.emitter.removeAllListeners();
    return this;
  }
}

export class FakeWebContents extends Events {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  url = '';
  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('send on destroyed webContents');
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  focus(): void {}
}

export class BrowserWindow extends Events {
  static readonly all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    BrowserWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays the user closing the window: Electron destroys it and its renderer. */
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault: () => {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  destroy(): void {
    this.close();
  }
  setTitle(): void {}
}

export class FakeNativeImage {
  readonly buffers: { buffer: Buffer; scaleFactor: number }[] = [];
  /** The file it was loaded from (`nativeImage.createFromPath`), if any. */
  path: string | null = null;
  template = false;
  addRepresentation(options: { buffer: Buffer; scaleFactor: number }): void {
    this.buffers.push({ buffer: options.buffer, scaleFactor: options.scaleFactor });
  }
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  isEmpty(): boolean {
    return this.buffers.length === 0 && this.path === null;
  }
}

export const nativeImage = {
  createEmpty: () => new FakeNativeImage(),
  createFromBuffer: (buffer: Buffer, options: { scaleFactor?: number } = {}) => {
    const image = new FakeNativeImage();
    image.addRepresentation({ buffer, scaleFactor: options.scaleFactor ?? 1 });
    return image;
  },
  createFromPath: (path: string) => {
    const image = new FakeNativeImage();
    image.path = path;
    return image;
  },
};

export class Menu {
  readonly items: Record<string, unknown>[];
  constructor(items: Record<string, unknown>[] = []) {
    this.items = items;
  }
  static buildFromTemplate(template: Record<string, unknown>[]): Menu {
    return new Menu(template);
  }
}

export class Tray extends Events {
  static readonly all: Tray[] = [];
  image: unknown;
  tooltip = '';
  title = '';
  titleOptions: unknown = undefined;
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.all.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(title: string, options?: unknown): void {
    this.title = title;
    this.titleOptions = options;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends Events {
  static supported = true;
  static readonly shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
  }
  show(): void {
    Notification.shown.push(this);
  }
  close(): void {}
}

class FakeApp extends Events {
  ready = false;
  readonly loginItems: unknown[] = [];
  appUserModelId: string | null = null;
  singleInstance = true;
  quitCalled = false;
  /** The code passed to `app.exit`, once called. */
  exitCode: number | null = null;
  /** Plays macOS starting the app as a login item (`getLoginItemSettings().wasOpenedAtLogin`). */
  openedAtLogin = false;
  readonly focusCalls: unknown[] = [];
  readonly dock = { hidden: false, hide: () => void (this.dock.hidden = true) };
  name = 'Cloudmeter';
  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(code = 0): void {
    this.quitCalled = true;
    this.exitCode = code;
  }
  focus(options?: { steal: boolean }): void {
    this.focusCalls.push(options);
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItems.push(settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    const last = this.loginItems.at(-1) as { openAtLogin?: boolean } | undefined;
    return { openAtLogin: last?.openAtLogin ?? false, wasOpenedAtLogin: this.openedAtLogin };
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
}
export const app = new FakeApp();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends Events {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Plays a renderer calling `ipcRenderer.invoke(channel, ...args)` from a frame at `url`. */
  invokeFrom(
    frame: { url: string; parent?: unknown } | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = frame === null ? null : { url: frame.url, parent: frame.parent ?? null };
    // Arguments cross a structured clone, as with the real IPC.
    return Promise.resolve(
      handler({ senderFrame, sender: new FakeWebContents() }, ...structuredClone(args)),
    );
  }
}
export const ipcMain = new FakeIpcMain();

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

class FakePowerMonitor extends Events {}
export const powerMonitor = new FakePowerMonitor();

export const session = {
  defaultSession: {
    permissionRequestHandler: null as
      null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(
      handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    protocol.handlers.set(scheme, handler);
  },
};

export const dialog = {
  nextSavePath: undefined as string | undefined,
  errorBoxes: [] as { title: string; content: string }[],
  showSaveDialog: () =>
    Promise.resolve({ canceled: dialog.nextSavePath === undefined, filePath: dialog.nextSavePath }),
  showErrorBox(title: string, content: string) {
    dialog.errorBoxes.push({ title, content });
  },
};

export const nativeTheme = Object.assign(new Events(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: false,
  themeSource: 'system',
});

type SystemNotificationCallback = (event: string, userInfo: Record<string, unknown>) => void;

/** macOS user defaults and distributed notifications; tests set the menu bar's appearance. */
export const systemPreferences = {
  userDefaults: new Map<string, unknown>(),
  subscriptions: new Map<number, { event: string; callback: SystemNotificationCallback }>(),
  nextSubscription: 1,
  getUserDefault(key: string, type: string): unknown {
    return systemPreferences.userDefaults.get(key) ?? (type === 'string' ? '' : undefined);
  },
  subscribeNotification(event: string, callback: SystemNotificationCallback): number {
    const id = systemPreferences.nextSubscription++;
    systemPreferences.subscriptions.set(id, { event, callback });
    return id;
  },
  unsubscribeNotification(id: number): void {
    systemPreferences.subscriptions.delete(id);
  },
  /** Plays the system posting a distributed notification. */
  post(event: string): void {
    for (const s of [...systemPreferences.subscriptions.values()])
      if (s.event === event) s.callback(event, {});
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends Events {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  reply: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.reply(channel, args));
  }
}
export const ipcRenderer = new FakeIpcRenderer();

/** Resets every recorder between tests. */
export function resetElectronFake(): void {
  BrowserWindow.all.length = 0;
  Tray.all.length = 0;
  Notification.shown.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  shell.opened.length = 0;
  app.loginItems.length = 0;
  app.singleInstance = true;
  app.quitCalled = false;
  app.appUserModelId = null;
  app.exitCode = null;
  app.openedAtLogin = false;
  app.focusCalls.length = 0;
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = false;
  nativeTheme.themeSource = 'system';
  systemPreferences.userDefaults.clear();
  systemPreferences.subscriptions.clear();
  dialog.errorBoxes.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  contextBridge.exposed.clear();
  ipcRenderer.invoked.length = 0;
  dialog.nextSavePath = undefined;
}

export default {
  app,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  Notification,
  ipcMain,
  shell,
  powerMonitor,
  session,
  protocol,
  dialog,
  nativeTheme,
  systemPreferences,
  contextBridge,
  ipcRenderer,
};
