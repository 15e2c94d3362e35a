// Every app icon from one source: `npx node scripts/make-app-icons.ts` reads assets/icon.png
// (1024 px) and writes beside it the macOS .icns, the Windows .ico, the Linux PNG set, and the
// tray's static images. `--draw` first redraws assets/icon.png from the design below; to use a
// designer's artwork instead, replace assets/icon.png and run without it. Run it again after
// any change: test/packaging/app-icons.test.ts fails while a file is out of date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { TrayIconState } from '../src-main/core/tray/tray-state.ts';
import { encodeIcns } from '../src-main/platform/icons/icns.ts';
import { encodeIco } from '../src-main/platform/icons/ico.ts';
import { encodePng } from '../src-main/platform/icons/png.ts';
import {
  box,
  circle,
  intersect,
  rasterize,
  ring,
  union,
  wedge,
  type Color,
  type RgbaImage,
  type Shape,
} from '../src-main/platform/icons/raster.ts';
import { TrayIconCache } from '../src-main/platform/icons/tray-icon-cache.ts';

export const SOURCE_SIZE = 1024;
/** What each platform asks for: iconutil's set, Windows' scales plus the 256 px tile, hicolor. */
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256] as const;
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

// ---- The design, on a 1024 px canvas -----------------------------------------------------
// The macOS icon grid: an 824 px rounded tile centred with a 100 px margin, a soft shadow
// below it. On it, the tray's ring gauge (the same idea at app-icon size) around a cloud.

const C = SOURCE_SIZE / 2;
const TILE = box(C, C, 824, 824, 185);
const TILE_TOP: Color = { r: 47, g: 111, b: 224, a: 1 };
const TILE_BOTTOM: Color = { r: 20, g: 52, b: 130, a: 1 };
const SHADOW = { offsetY: 12, blur: 30, alpha: 0.32 };
const RING_RADIUS = 290;
const RING_WIDTH = 70;
const GAUGE_TURN = 0.72;
const WHITE: Color = { r: 255, g: 255, b: 255, a: 1 };
const MINT: Color = { r: 94, g: 234, b: 212, a: 1 };

function gaugeShapes() {
  const track = ring(C, C, RING_RADIUS, RING_WIDTH);
  const sweep = GAUGE_TURN * 2 * Math.PI;
  const cap = (angle: number) =>
    circle(C + RING_RADIUS * Math.sin(angle), C - RING_RADIUS * Math.cos(angle), RING_WIDTH / 2);
  return { track, arc: union(intersect(track, wedge(C, C, sweep)), cap(0), cap(sweep)) };
}

/** A union whose seams are rounded over `k` px (polynomial smooth minimum of the distances). */
function smoothUnion(k: number, ...shapes: Shape[]): Shape {
  const [first, ...rest] = shapes;
  return (x, y) =>
    rest.reduce(
      (d, shape) => {
        const e = shape(x, y);
        const h = Math.min(1, Math.max(0, 0.5 + (0.5 * (e - d)) / k));
        return e + (d - e) * h - k * h * (1 - h);
      },
      first!(x, y),
    );
}

function cloudShape(): Shape {
  // The side puffs blend into the base; the crevices between the puffs stay sharp.
  const base = smoothUnion(
    14,
    box(512, 604, 364, 132, 66),
    circle(412, 566, 82),
    circle(612, 562, 82),
  );
  return union(base, circle(526, 496, 116));
}

/** Straight-alpha "over" of `top` onto `bottom`, both the same size. */
function over(bottom: RgbaImage, top: RgbaImage): RgbaImage {
  const data = new Uint8Array(bottom.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const ta = top.data[i + 3]! / 255;
    const ba = (bottom.data[i + 3]! / 255) * (1 - ta);
    const a = ta + ba;
    if (a === 0) continue;
    for (let c = 0; c < 3; c++)
      data[i + c] = Math.round((top.data[i + c]! * ta + bottom.data[i + c]! * ba) / a);
    data[i + 3] = Math.round(a * 255);
  }
  return { width: bottom.width, height: bottom.height, data };
}

/** The app icon drawn at 1024 px. */
export function drawAppIcon(): RgbaImage {
  const size = SOURCE_SIZE;
  // The shadow: a falloff with the distance outside the (lowered) tile; no blur filter needed.
  const shadow = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = TILE(x + 0.5, y + 0.5 - SHADOW.offsetY);
      const fade = d <= 0 ? 1 : Math.max(0, 1 - d / SHADOW.blur) ** 2;
      shadow[(y * size + x) * 4 + 3] = Math.round(SHADOW.alpha * fade * 255);
    }
  }
  // The tile: antialiased coverage from the rasterizer, coloured by a vertical gradient.
  const tile = rasterize(size, size, [{ shape: TILE, paint: WHITE }]);
  for (let y = 0; y < size; y++) {
    const t = Math.min(1, Math.max(0, (y - 100) / 824));
    const rgb = [TILE_TOP.r, TILE_TOP.g, TILE_TOP.b].map((top, c) => {
      const bottom = [TILE_BOTTOM.r, TILE_BOTTOM.g, TILE_BOTTOM.b][c]!;
      return Math.round(top + (bottom - top) * t);
    });
    for (let x = 0; x < size; x++) tile.data.set(rgb, (y * size + x) * 4);
  }
  const { track, arc } = gaugeShapes();
  const figure = rasterize(size, size, [
    { shape: track, paint: { ...WHITE, a: 0.2 } },
    { shape: arc, paint: MINT },
    { shape: cloudShape(), paint: WHITE },
  ]);
  return over(over({ width: size, height: size, data: shadow }, tile), figure);
}

// ---- From the source to every size ---------------------------------------------------------

/** For each output pixel along one axis, the source pixels it covers and by how much. */
function areaWeights(from: number, to: number): { first: number; weights: number[] }[] {
  const scale = from / to;
  return Array.from({ length: to }, (_, i) => {
    const start = i * scale;
    const end = start + scale;
    const first = Math.floor(start);
    const weights: number[] = [];
    for (let s = first; s < Math.min(from, Math.ceil(end)); s++)
      weights.push((Math.min(end, s + 1) - Math.max(start, s)) / scale);
    return { first, weights };
  });
}

/**
 * Shrinks a square image by area averaging (each output pixel is the exact mean of the source
 * area it covers) in premultiplied alpha, so transparent pixels lend no colour to the edges.
 */
export function resample(image: RgbaImage, size: number): RgbaImage {
  const from = image.width;
  if (image.height !== from) throw new Error('resample: the source must be square');
  if (size > from) throw new Error(`resample: ${size} px is larger than the ${from} px source`);
  const taps = areaWeights(from, size);
  // Horizontal pass: `from` rows of `size` premultiplied pixels.
  const rows = new Float64Array(from * size * 4);
  for (let y = 0; y < from; y++) {
    for (let x = 0; x < size; x++) {
      const { first, weights } = taps[x]!;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let k = 0; k < weights.length; k++) {
        const at = (y * from + first + k) * 4;
        const w = (image.data[at + 3]! / 255) * weights[k]!;
        r += image.data[at]! * w;
        g += image.data[at + 1]! * w;
        b += image.data[at + 2]! * w;
        a += w;
      }
      const to = (y * size + x) * 4;
      rows[to] = r;
      rows[to + 1] = g;
      rows[to + 2] = b;
      rows[to + 3] = a;
    }
  }
  // Vertical pass, then back to straight 8-bit alpha.
  const data = new Uint8Array(size * size * 4);
  const acc = new Float64Array(4);
  for (let y = 0; y < size; y++) {
    const { first, weights } = taps[y]!;
    for (let x = 0; x < size; x++) {
      acc.fill(0);
      for (let k = 0; k < weights.length; k++) {
        const at = ((first + k) * size + x) * 4;
        for (let c = 0; c < 4; c++) acc[c]! += rows[at + c]! * weights[k]!;
      }
      const a = acc[3]!;
      if (a <= 0) continue;
      const at = (y * size + x) * 4;
      data[at] = Math.round(acc[0]! / a);
      data[at + 1] = Math.round(acc[1]! / a);
      data[at + 2] = Math.round(acc[2]! / a);
      data[at + 3] = Math.round(a * 255);
    }
  }
  return { width: size, height: size, data };
}

/**
 * One .ico entry as a classic 32-bit bitmap (BITMAPINFOHEADER, bottom-up BGRA rows, then the
 * 1-bit transparency mask). Small sizes are stored this way, the 256 px tile as PNG: every
 * Windows reader, NSIS's installer-icon code included, understands that mix.
 */
export function icoBitmap(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const pixels = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y; // bottom-up
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = (row * width + x) * 4;
      pixels[to] = data[from + 2]!;
      pixels[to + 1] = data[from + 1]!;
      pixels[to + 2] = data[from]!;
      pixels[to + 3] = data[from + 3]!;
      if (data[from + 3] === 0) mask[row * maskStride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** Every derived app-icon file, by its path under assets/. */
export function appIconFiles(source: RgbaImage): Map<string, Buffer> {
  if (source.width !== SOURCE_SIZE || source.height !== SOURCE_SIZE)
    throw new Error(`the icon source must be ${SOURCE_SIZE}×${SOURCE_SIZE} px`);
  const sizes = new Set<number>([...ICNS_SIZES, ...ICO_SIZES, ...LINUX_SIZES]);
  const images = new Map([...sizes].map((size) => [size, resample(source, size)] as const));
  const png = (size: number) => encodePng(images.get(size)!);
  const files = new Map<string, Buffer>();
  files.set('icon.icns', encodeIcns(new Map(ICNS_SIZES.map((size) => [size, png(size)]))));
  files.set(
    'icon.ico',
    encodeIco(
      ICO_SIZES.map((size) => ({
        size,
        png: size >= 256 ? png(size) : icoBitmap(images.get(size)!),
      })),
    ),
  );
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, png(size));
  return files;
}

/**
 * Static copies of the tray icon in its "reading…" look, the first thing the tray shows. The
 * shell renders its icons at run time (docs/tray.md); these are for documentation, store
 * listings and any packaging that wants a file.
 */
export function trayImageFiles(): Map<string, Buffer> {
  const cache = new TrayIconCache();
  const state: TrayIconState = { kind: 'pending' };
  const files = new Map<string, Buffer>();
  // Electron treats a file whose name ends in "Template" as a macOS template image.
  const mac = cache.image(state, { platform: 'darwin', darkPanel: false });
  for (const r of mac.representations)
    files.set(`tray/trayTemplate${r.scaleFactor === 1 ? '' : `@${r.scaleFactor}x`}.png`, r.png);
  for (const style of ['on-dark', 'on-light'] as const) {
    files.set(`tray/tray-windows-${style}.ico`, cache.ico(state, style));
    const linux = cache.image(state, { platform: 'linux', darkPanel: style === 'on-dark' });
    for (const r of linux.representations) {
      const suffix = r.scaleFactor === 1 ? '' : `@${r.scaleFactor}x`;
      files.set(`tray/tray-linux-${style}${suffix}.png`, r.png);
    }
  }
  return files;
}

export function decodePng(png: Buffer): RgbaImage {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

if (import.meta.main) {
  const sourceFile = `${ASSETS_DIR}icon.png`;
  if (process.argv.includes('--draw')) {
    mkdirSync(ASSETS_DIR, { recursive: true });
    writeFileSync(sourceFile, encodePng(drawAppIcon()));
    console.log('drew assets/icon.png');
  }
  const source = decodePng(readFileSync(sourceFile));
  const files = new Map([...appIconFiles(source), ...trayImageFiles()]);
  for (const [name, bytes] of files) {
    const file = `${ASSETS_DIR}${name}`;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  console.log(`wrote ${files.size} files to assets/ from assets/icon.png`);
}
