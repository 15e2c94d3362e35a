import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../src-main/platform/icons/raster.ts';
import { ICNS_TYPES } from '../../src-main/platform/icons/icns.ts';
import {
  ICO_SIZES,
  LINUX_SIZES,
  SOURCE_SIZE,
  appIconFiles,
  trayImageFiles,
} from '../../scripts/make-app-icons.ts';
import { ROOT } from './build-app.ts';
import { decodeIcoImage, decodePngImage, isPng, parseIcns, parseIco } from './icon-containers.ts';

const asset = (name: string) => readFileSync(join(ROOT, 'assets', ...name.split('/')));
const alphaAt = (image: RgbaImage, x: number, y: number) =>
  image.data[(y * image.width + x) * 4 + 3];

/** The images inside an icon file, in order, whatever its container. */
function imagesIn(name: string, bytes: Buffer): RgbaImage[] {
  if (name.endsWith('.png')) return [decodePngImage(bytes)];
  if (name.endsWith('.icns')) return parseIcns(bytes).map((entry) => decodePngImage(entry.data));
  if (name.endsWith('.ico')) return parseIco(bytes).map((entry) => decodeIcoImage(entry).image);
  throw new Error(`unknown icon file ${name}`);
}

let source: RgbaImage;

beforeAll(() => {
  source = decodePngImage(asset('icon.png'));
});

describe('the app icon source', () => {
  it('is a 1024 px square on the macOS grid: transparent margin, opaque tile', () => {
    expect([source.width, source.height]).toEqual([SOURCE_SIZE, SOURCE_SIZE]);
    expect(alphaAt(source, 0, 0)).toBe(0);
    expect(alphaAt(source, 40, 512)).toBe(0);
    expect(alphaAt(source, 512, 512)).toBe(255);
    expect(alphaAt(source, 120, 512)).toBe(255);
  });
});

describe('the icons generated from it', () => {
  it('are up to date with the source (otherwise run npx node scripts/make-app-icons.ts)', () => {
    const expected = new Map([...appIconFiles(source), ...trayImageFiles()]);
    expect(expected.size).toBeGreaterThan(10);
    for (const [name, bytes] of expected) {
      const committed = imagesIn(name, asset(name));
      const fresh = imagesIn(name, bytes);
      expect(
        committed.map((i) => i.width),
        name,
      ).toEqual(fresh.map((i) => i.width));
      committed.forEach((image, index) => {
        // Pixels, not bytes: the PNGs' deflate streams may differ between zlib builds.
        expect(Buffer.from(image.data).equals(Buffer.from(fresh[index]!.data)), name).toBe(true);
      });
    }
  });

  it('give macOS every .icns entry, each a PNG of its size', () => {
    const entries = parseIcns(asset('icon.icns'));
    expect(entries.map((e) => e.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [type, size] of ICNS_TYPES) {
      const image = decodePngImage(entries.find((e) => e.type === type)!.data);
      expect([type, image.width, image.height]).toEqual([type, size, size]);
    }
  });

  it('give Windows bitmaps for the small sizes and a PNG for the 256 px tile', () => {
    const entries = parseIco(asset('icon.ico'));
    expect(entries.map((e) => e.width)).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect(entry.bitCount).toBe(32);
      expect(isPng(entry.data)).toBe(entry.width === 256);
      const { image, transparentByMask } = decodeIcoImage(entry);
      expect([image.width, image.height]).toEqual([entry.width, entry.height]);
      // The mask agrees with the alpha channel, for readers that draw with the mask.
      transparentByMask?.forEach((clear, i) => expect(clear).toBe(image.data[i * 4 + 3] === 0));
    }
  });

  it('draw the same pixels in the .ico bitmaps as in the PNGs of the same size', () => {
    const ico = parseIco(asset('icon.ico'));
    const shared = ICO_SIZES.filter((size) => (LINUX_SIZES as readonly number[]).includes(size));
    expect(shared).toEqual([16, 24, 32, 48, 64, 256]);
    for (const size of shared) {
      const fromIco = decodeIcoImage(ico.find((e) => e.width === size)!).image;
      const fromPng = decodePngImage(asset(`icons/${size}x${size}.png`));
      expect(Buffer.from(fromIco.data).equals(Buffer.from(fromPng.data)), `${size} px`).toBe(true);
    }
  });

  it('keep the design at 16 px: an opaque middle and transparent corners', () => {
    const small = decodePngImage(asset('icons/16x16.png'));
    expect([small.width, small.height]).toEqual([16, 16]);
    expect(alphaAt(small, 8, 8)).toBe(255);
    expect(alphaAt(small, 0, 0)).toBe(0);
  });
});
