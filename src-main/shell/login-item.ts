import type { App } from 'electron';
import { autostartFile, setXdgAutostart } from '../platform/autostart/xdg-autostart.ts';

export interface LoginItemContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** The running executable; on Linux an AppImage's own path is in APPIMAGE. */
  readonly execPath: string;
}

/** Started at login, the app stays in the tray instead of opening its window. */
export const HIDDEN_FLAG = '--hidden';

/**
 * Whether this start is one at login, which stays in the tray. Windows' login item and the
 * Linux autostart entry pass HIDDEN_FLAG; a macOS login item gets no arguments, but the system
 * tells the app that it opened it at login.
 */
export function startsHidden(
  app: Pick<App, 'getLoginItemSettings'>,
  argv: readonly string[],
  platform: NodeJS.Platform,
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/**
 * Start at login: macOS and Windows through the system's login items (only Windows passes the
 * `args`), Linux desktops through an XDG autostart entry.
 */
export async function applyStartAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  enabled: boolean,
  context: LoginItemContext,
): Promise<void> {
  if (context.platform === 'darwin' || context.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const executable = context.env.APPIMAGE || context.execPath;
  await setXdgAutostart(autostartFile(context.env, context.homedir), enabled, executable, [
    HIDDEN_FLAG,
  ]);
}
