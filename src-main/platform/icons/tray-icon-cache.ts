import type { TrayIconState } from '../../core/tray/tray-state.ts';
import { encodeIco } from './ico.ts';
import { encodePng } from './png.ts';
import { drawTrayIcon } from './tray-icon-render.ts';
import {
  iconLook,
  lookKey,
  trayIconStyle,
  type TrayIconStyle,
  type TrayPlatform,
  type TrayTheme,
} from './tray-icon-look.ts';

/** One bitmap of a tray image, for Electron's `nativeImage.addRepresentation`. */
export interface TrayImageRepresentation {
  readonly scaleFactor: number;
  /** Width and height in device pixels. */
  readonly sizePx: number;
  readonly png: Buffer;
}

/** A tray image at every scale a platform may ask for. */
export interface TrayIconImage {
  /** Equal keys mean identical pixels: the shell can skip `tray.setImage`. */
  readonly key: string;
  /** Pass to `nativeImage.setTemplateImage` (macOS tints template images itself). */
  readonly template: boolean;
  readonly representations: readonly TrayImageRepresentation[];
}

/**
 * Sizes in points (logical pixels) and the display scales each platform uses: the macOS menu
 * bar 16 pt at 1x and 2x; the Windows notification area 16 px at 100–400 % (16, 20, 24, 32, 40,
 * 48, 64 px); Linux panels 22 px and 44 px on HiDPI.
 */
export const TRAY_ICON_SCALES: Readonly<
  Record<TrayPlatform, { readonly pointSize: number; readonly scaleFactors: readonly number[] }>
> = {
  darwin: { pointSize: 16, scaleFactors: [1, 2] },
  win32: { pointSize: 16, scaleFactors: [1, 1.25, 1.5, 2, 2.5, 3, 4] },
  linux: { pointSize: 22, scaleFactors: [1, 2] },
};

/** The sizes of a Windows .ico: the notification area's, Explorer's and the 256 px tile. */
export const ICO_SIZES: readonly number[] = [16, 20, 24, 32, 48, 64, 256];

export interface TrayIconCacheOptions {
  /** How many PNGs to keep; the least recently used is dropped first. */
  readonly maxEntries?: number;
}

/** Gets a cached value, moving it to the most recently used end, or makes and stores it. */
function remember<T>(cache: Map<string, T>, key: string, max: number, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = make();
  cache.set(key, made);
  while (cache.size > max) cache.delete(cache.keys().next().value!);
  return made;
}

/**
 * Renders tray icons once per visible look. A poll that moves the worst account from 61.2 %
 * to 61.4 % gets the very same buffers (and image object) back, so the shell neither re-draws
 * nor re-sets the tray image.
 */
export class TrayIconCache {
  readonly #max: number;
  readonly #pngs = new Map<string, Buffer>();
  readonly #images = new Map<string, TrayIconImage>();
  readonly #icos = new Map<string, Buffer>();
  #rendered = 0;

  constructor(options: TrayIconCacheOptions = {}) {
    this.#max = options.maxEntries ?? 256;
  }

  /** How many PNGs have been drawn (not served from the cache) so far. */
  get rendered(): number {
    return this.#rendered;
  }

  png(state: TrayIconState, style: TrayIconStyle, sizePx: number): Buffer {
    const look = iconLook(state, style, sizePx);
    return remember(this.#pngs, lookKey(look), this.#max, () => {
      this.#rendered++;
      return encodePng(drawTrayIcon(look));
    });
  }

  /** The tray image for a platform and panel theme, at every scale the platform uses. */
  image(state: TrayIconState, theme: TrayTheme): TrayIconImage {
    const style = trayIconStyle(state, theme);
    const { pointSize, scaleFactors } = TRAY_ICON_SCALES[theme.platform];
    const sizes = scaleFactors.map((scaleFactor) => ({
      scaleFactor,
      sizePx: Math.round(pointSize * scaleFactor),
    }));
    const key = sizes
      .map(({ scaleFactor, sizePx }) => `${scaleFactor}=${lookKey(iconLook(state, style, sizePx))}`)
      .join('|');
    return remember(this.#images, key, this.#max, () => ({
      key,
      template: style === 'template',
      representations: sizes.map(({ scaleFactor, sizePx }) => ({
        scaleFactor,
        sizePx,
        png: this.png(state, style, sizePx),
      })),
    }));
  }

  /** Equal keys mean identical .ico files (what `ico` returns for the same arguments). */
  icoKey(state: TrayIconState, style: TrayIconStyle): string {
    return ICO_SIZES.map((size) => lookKey(iconLook(state, style, size))).join('|');
  }

  /** A Windows .ico holding every size in ICO_SIZES (PNG-compressed entries). */
  ico(state: TrayIconState, style: TrayIconStyle): Buffer {
    const key = this.icoKey(state, style);
    return remember(this.#icos, key, this.#max, () =>
      encodeIco(ICO_SIZES.map((size) => ({ size, png: this.png(state, style, size) }))),
    );
  }
}
