import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrayIconState } from '../../core/tray/tray-state.ts';
import type { TrayIconCache } from './tray-icon-cache.ts';
import type { TrayIconStyle } from './tray-icon-look.ts';

/**
 * The Windows tray icon as .ico files. Electron makes a tray's HICON from an image's 1x bitmap
 * only, so at 125–400 % display scaling a bitmap icon is a blurry enlargement of the 16 px one;
 * an image loaded from an .ico file is loaded by Windows at the size the notification area
 * asks for. Each look is written once, into a folder of its own that is emptied before the
 * first write: a file left by an older version could hold an older drawing under the same name.
 */
export class TrayIcoFiles {
  readonly #cache: TrayIconCache;
  readonly #dir: string;
  /** Cache key of the .ico → its file. */
  readonly #written = new Map<string, string>();
  #cleared = false;

  constructor(cache: TrayIconCache, dir: string) {
    this.#cache = cache;
    this.#dir = dir;
  }

  /** The .ico file for a state and style, written on first use. */
  path(state: TrayIconState, style: TrayIconStyle): string {
    const key = this.#cache.icoKey(state, style);
    const known = this.#written.get(key);
    if (known !== undefined) return known;
    if (!this.#cleared) {
      rmSync(this.#dir, { recursive: true, force: true });
      mkdirSync(this.#dir, { recursive: true });
      this.#cleared = true;
    }
    const name = createHash('sha256').update(key).digest('hex').slice(0, 16);
    const file = join(this.#dir, `tray-${name}.ico`);
    writeFileSync(file, this.#cache.ico(state, style));
    this.#written.set(key, file);
    return file;
  }
}
