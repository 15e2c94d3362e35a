// Renders the tray icon for each state to docs/images/ so a reviewer can see them:
// `npx node scripts/render-tray-icons.ts`. See docs/tray.md for what each file shows.
// test/platform/icons/tray-doc-images.test.ts fails while a committed image is out of date.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrayIconState } from '../src-main/core/tray/tray-state.ts';
import { encodePng } from '../src-main/platform/icons/png.ts';
import type { RgbaImage } from '../src-main/platform/icons/raster.ts';
import {
  iconLook,
  trayIconStyle,
  type TrayIconStyle,
  type TrayTheme,
} from '../src-main/platform/icons/tray-icon-look.ts';
import { drawTrayIcon } from '../src-main/platform/icons/tray-icon-render.ts';

const usage = (
  percent: number | null,
  tone: 'normal' | 'warning' | 'critical',
  attention: 'none' | 'stale' | 'error' = 'none',
): TrayIconState => ({ kind: 'usage', percent, tone, attention });

/** The reviewed states, in the column order of tray-overview.png. */
const STATES: readonly (readonly [string, TrayIconState])[] = [
  ['000', usage(0, 'normal')],
  ['050', usage(50, 'normal')],
  ['085', usage(85, 'warning')],
  ['097', usage(97, 'critical')],
  ['100', usage(104, 'critical')],
  ['stale', usage(62, 'normal', 'stale')],
  ['error', usage(62, 'normal', 'error')],
  ['no-accounts', { kind: 'no-accounts' }],
  ['pending', { kind: 'pending' }],
];

export const TRAY_IMAGES_DIR = fileURLToPath(new URL('../docs/images/', import.meta.url));

const draw = (state: TrayIconState, style: TrayIconStyle, sizePx: number) =>
  drawTrayIcon(iconLook(state, style, sizePx));

/** Every tray image docs/images/ holds, by file name. */
export function trayDocImages(): Map<string, RgbaImage> {
  const images = new Map<string, RgbaImage>();
  // One file per state, size and style: 32 px and its @2x, for light and dark panels, and the
  // macOS template image where macOS uses one.
  for (const [name, state] of STATES) {
    for (const [suffix, style] of [
      ['', 'on-light'],
      ['-dark', 'on-dark'],
    ] as const) {
      images.set(`tray-${name}${suffix}.png`, draw(state, style, 32));
      images.set(`tray-${name}${suffix}@2x.png`, draw(state, style, 64));
    }
    if (trayIconStyle(state, { platform: 'darwin', darkPanel: false }) === 'template') {
      images.set(`tray-${name}-template.png`, draw(state, 'template', 16));
      images.set(`tray-${name}-template@2x.png`, draw(state, 'template', 32));
    }
  }
  images.set('tray-overview.png', overviewSheet());
  return images;
}

// An overview: one row per panel, one column per state; each cell shows the 16 px icon
// magnified 4× (to judge its pixels), then at 16 px and 32 px actual size.
const ROWS: readonly (readonly [TrayTheme, readonly [number, number, number]])[] = [
  [{ platform: 'win32', darkPanel: false }, [243, 243, 243]],
  [{ platform: 'linux', darkPanel: true }, [32, 33, 36]],
  [{ platform: 'darwin', darkPanel: false }, [228, 228, 230]],
  [{ platform: 'darwin', darkPanel: true }, [44, 44, 46]],
];
const ZOOM = 4;
const CELL_W = 16 * ZOOM + 16 + 32 + 24;
const CELL_H = 16 * ZOOM + 16;

/** One row per panel, one column per state (docs/images/tray-overview.png). */
function overviewSheet(): RgbaImage {
  const sheet = {
    width: CELL_W * STATES.length,
    height: CELL_H * ROWS.length,
    data: new Uint8Array(CELL_W * STATES.length * CELL_H * ROWS.length * 4),
  };

  function blit(
    icon: RgbaImage,
    left: number,
    top: number,
    zoom: number,
    tint: number | null,
  ): void {
    for (let y = 0; y < icon.height * zoom; y++) {
      for (let x = 0; x < icon.width * zoom; x++) {
        const from = (Math.floor(y / zoom) * icon.width + Math.floor(x / zoom)) * 4;
        const to = ((top + y) * sheet.width + left + x) * 4;
        const alpha = icon.data[from + 3]! / 255;
        for (let c = 0; c < 3; c++) {
          // macOS draws a template image's alpha in the menu bar's own ink colour.
          const ink = tint ?? icon.data[from + c]!;
          sheet.data[to + c] = Math.round(sheet.data[to + c]! * (1 - alpha) + ink * alpha);
        }
      }
    }
  }

  ROWS.forEach(([theme, background], row) => {
    for (let y = row * CELL_H; y < (row + 1) * CELL_H; y++) {
      for (let x = 0; x < sheet.width; x++) {
        sheet.data.set([...background, 255], (y * sheet.width + x) * 4);
      }
    }
    STATES.forEach(([, state], column) => {
      const style = trayIconStyle(state, theme);
      const tint = style === 'template' ? (theme.darkPanel ? 255 : 0) : null;
      const left = column * CELL_W + 8;
      const top = row * CELL_H + 8;
      blit(draw(state, style, 16), left, top, ZOOM, tint);
      blit(draw(state, style, 16), left + 16 * ZOOM + 8, top + 24, 1, tint);
      blit(draw(state, style, 32), left + 16 * ZOOM + 8 + 16 + 4, top + 16, 1, tint);
    });
  });
  return sheet;
}

if (import.meta.main) {
  mkdirSync(TRAY_IMAGES_DIR, { recursive: true });
  for (const name of readdirSync(TRAY_IMAGES_DIR)) {
    if (name.startsWith('tray-') && name.endsWith('.png')) rmSync(join(TRAY_IMAGES_DIR, name));
  }
  const images = trayDocImages();
  for (const [name, image] of images) writeFileSync(join(TRAY_IMAGES_DIR, name), encodePng(image));
  console.log(`wrote ${images.size} images`);
}
