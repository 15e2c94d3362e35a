import {
  Menu,
  Tray,
  nativeImage,
  nativeTheme,
  systemPreferences,
  type MenuItemConstructorOptions,
} from 'electron';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { UnitSystem } from '../../src-shared/domain/units.ts';
import type { UsageState } from '../../src-shared/ipc/contract.ts';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle.ts';
import { trayMenuModel, type MenuAction, type MenuEntry } from '../core/tray/menu-model.ts';
import type { TrayIconState } from '../core/tray/tray-state.ts';
import { trayView } from '../core/tray/tray-view.ts';
import type { TrayIcoFiles } from '../platform/icons/tray-ico-files.ts';
import type { TrayIconCache } from '../platform/icons/tray-icon-cache.ts';
import { trayIconStyle, type TrayTheme } from '../platform/icons/tray-icon-look.ts';

export interface TrayDeps {
  readonly platform: NodeJS.Platform;
  readonly cache: TrayIconCache;
  /** Windows: the icon goes through .ico files, so that it is sharp at every display scale. */
  readonly icoFiles: TrayIcoFiles | null;
  readonly now: () => Instant;
  readonly timeZone: string;
  /** For clock times in the menu. */
  readonly locale: string;
  readonly state: () => UsageState;
  readonly settings: () => { readonly units: UnitSystem; readonly startAtLogin: boolean };
  readonly onAction: (action: MenuAction) => void;
}

/** Windows cuts tray tooltips at 127 characters. */
const WINDOWS_TOOLTIP_LIMIT = 127;
/** "data as of 5 min ago" in the tooltip must not go stale itself. */
const TEXT_REFRESH_MS = 60_000;
/** Posted by macOS when the user switches between the light and the dark appearance. */
const MACOS_THEME_CHANGED = 'AppleInterfaceThemeChangedNotification';

/**
 * Whether the panel behind the tray icon is dark. Windows' taskbar follows the system theme
 * even when the app sets its own. On macOS `shouldUseDarkColors` follows the app's forced theme
 * (nativeTheme.themeSource), not the menu bar, so the system's own setting is read instead.
 */
function panelIsDark(platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return nativeTheme.shouldUseDarkColorsForSystemIntegratedUI;
  if (platform === 'darwin')
    return systemPreferences.getUserDefault('AppleInterfaceStyle', 'string') === 'Dark';
  return nativeTheme.shouldUseDarkColors;
}

export function toMenuTemplate(
  entries: readonly MenuEntry[],
  onAction: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: entry.label, enabled: false };
      case 'submenu':
        return { label: entry.label, submenu: toMenuTemplate(entry.items, onAction) };
      case 'item':
        return {
          label: entry.label,
          enabled: entry.enabled,
          ...(entry.checked === undefined
            ? {}
            : { type: 'checkbox' as const, checked: entry.checked }),
          click: () => onAction(entry.action),
        };
    }
  });
}

/**
 * The tray icon: the gauge of the account closest to its quota, the percent as the macOS title,
 * the top accounts in the tooltip, and the menu; redrawn when the state, the settings or the
 * system theme change. Icons come from a cache, so an unchanged gauge is never re-rendered.
 */
export class TrayController implements Disposable {
  private readonly deps: TrayDeps;
  private readonly tray: Tray;
  private readonly disposables = new DisposableStore();
  private lastIconKey: string | null = null;
  private lastTooltip = '';
  /** Shown first in the tooltip: the latest alert, when notifications cannot be shown. */
  private banner: string | null = null;

  constructor(deps: TrayDeps) {
    this.deps = deps;
    this.tray = new Tray(nativeImage.createEmpty());
    // Left click opens the window where the platform reports it (Windows, some Linux panels).
    this.tray.on('click', () => deps.onAction({ kind: 'open-window' }));
    const onTheme = () => this.render();
    nativeTheme.on('updated', onTheme);
    this.disposables.add(toDisposable(() => nativeTheme.off('updated', onTheme)));
    if (deps.platform === 'darwin') {
      const id = systemPreferences.subscribeNotification(MACOS_THEME_CHANGED, onTheme);
      this.disposables.add(toDisposable(() => systemPreferences.unsubscribeNotification(id)));
    }
    const timer = setInterval(() => this.render(), TEXT_REFRESH_MS);
    this.disposables.add(toDisposable(() => clearInterval(timer)));
    this.render();
  }

  /** The tooltip last set (Electron cannot read it back from the tray). */
  get tooltip(): string {
    return this.lastTooltip;
  }

  setBanner(text: string | null): void {
    this.banner = text;
    this.render();
  }

  render(): void {
    const { platform } = this.deps;
    const state = this.deps.state();
    const settings = this.deps.settings();
    const now = this.deps.now();
    const view = trayView(state.accounts, now, {
      units: settings.units,
      locale: this.deps.locale,
      ...(platform === 'win32' ? { maxChars: WINDOWS_TOOLTIP_LIMIT } : {}),
    });
    this.setIcon(view.icon, {
      platform: platform === 'darwin' || platform === 'win32' ? platform : 'linux',
      darkPanel: panelIsDark(platform),
    });
    if (platform === 'darwin') this.tray.setTitle(view.title, { fontType: 'monospacedDigit' });
    const tooltip = this.banner ? `${this.banner}\n${view.tooltip}` : view.tooltip;
    this.lastTooltip = platform === 'win32' ? tooltip.slice(0, WINDOWS_TOOLTIP_LIMIT) : tooltip;
    this.tray.setToolTip(this.lastTooltip);
    const entries = trayMenuModel({
      snapshots: state.accounts,
      now,
      notificationsPausedUntil: state.notificationsPausedUntil,
      startAtLogin: settings.startAtLogin,
      timeZone: this.deps.timeZone,
      locale: this.deps.locale,
    });
    const banner: MenuEntry[] = this.banner
      ? [{ type: 'label', label: this.banner }, { type: 'separator' }]
      : [];
    this.tray.setContextMenu(
      Menu.buildFromTemplate(toMenuTemplate([...banner, ...entries], this.deps.onAction)),
    );
  }

  private setIcon(state: TrayIconState, theme: TrayTheme): void {
    const file = this.icoFile(state, theme);
    if (file !== null) {
      if (file === this.lastIconKey) return;
      this.tray.setImage(nativeImage.createFromPath(file));
      this.lastIconKey = file;
      return;
    }
    const icon = this.deps.cache.image(state, theme);
    if (icon.key === this.lastIconKey) return;
    const image = nativeImage.createEmpty();
    for (const r of icon.representations)
      image.addRepresentation({ scaleFactor: r.scaleFactor, buffer: r.png });
    image.setTemplateImage(icon.template);
    this.tray.setImage(image);
    this.lastIconKey = icon.key;
  }

  /**
   * The Windows .ico for this look; null on other systems, or if it cannot be written (then
   * the bitmaps are used: a blurry icon beats none).
   */
  private icoFile(state: TrayIconState, theme: TrayTheme): string | null {
    try {
      return this.deps.icoFiles?.path(state, trayIconStyle(state, theme)) ?? null;
    } catch {
      return null;
    }
  }

  dispose(): void {
    this.disposables.dispose();
    this.tray.destroy();
  }
}
