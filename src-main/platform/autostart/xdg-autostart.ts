import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';

/**
 * Start at login on Linux desktops: an XDG autostart entry (GNOME, KDE, Xfce… all read
 * `$XDG_CONFIG_HOME/autostart/*.desktop`). macOS and Windows use Electron's login items instead.
 */
export const AUTOSTART_FILE_NAME = 'cloudmeter.desktop';

export function autostartFile(
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
): string {
  return join(env.XDG_CONFIG_HOME || join(homedir, '.config'), 'autostart', AUTOSTART_FILE_NAME);
}

/** Quotes an Exec argument per the Desktop Entry spec. */
function quoteExecArg(arg: string): string {
  if (!/[\s"'\\$`]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The entry's text. `executable` is what starts the app: the AppImage file when run from one
 * (its mount path changes each run), else the installed binary.
 */
export function autostartEntry(executable: string, args: readonly string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Cloudmeter',
    'Comment=Cloud, VPS and CDN usage against monthly quotas',
    `Exec=${[executable, ...args].map(quoteExecArg).join(' ')}`,
    'Icon=cloudmeter',
    'Terminal=false',
    'Categories=Utility;Network;Monitor;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setXdgAutostart(
  file: string,
  enabled: boolean,
  executable: string,
  args: readonly string[] = [],
): Promise<void> {
  if (enabled) await writeFileAtomic(file, autostartEntry(executable, args), 0o644);
  else await rm(file, { force: true });
}

export async function isXdgAutostartEnabled(file: string): Promise<boolean> {
  try {
    const text = await readFile(file, 'utf8');
    return !/^(Hidden=true|X-GNOME-Autostart-enabled=false)$/m.test(text);
  } catch {
    return false;
  }
}
