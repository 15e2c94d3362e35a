// Readers for the icon containers, written from the formats' descriptions (not from our
// encoders), so that tests prove the files are what macOS and Windows expect.
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../src-main/platform/icons/raster.ts';

export interface IcnsEntry {
  readonly type: string;
  readonly data: Buffer;
}

/** An .icns file: 'icns' and the total length, then blocks of a type, a length and data. */
export function parseIcns(icns: Buffer): IcnsEntry[] {
  if (icns.toString('latin1', 0, 4) !== 'icns') throw new Error('not an .icns file');
  if (icns.readUInt32BE(4) !== icns.length)
    throw new Error(`.icns says ${icns.readUInt32BE(4)} bytes, the file has ${icns.length}`);
  const entries: IcnsEntry[] = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length <= 8 || at + length > icns.length)
      throw new Error(`.icns block at ${at} has a bad length (${length})`);
    entries.push({
      type: icns.toString('latin1', at, at + 4),
      data: icns.subarray(at + 8, at + length),
    });
    at += length;
  }
  return entries;
}

export interface IcoEntry {
  readonly width: number;
  readonly height: number;
  readonly bitCount: number;
  readonly data: Buffer;
}

/** An .ico file: a 6-byte header, a 16-byte directory entry per image, then the images. */
export function parseIco(ico: Buffer): IcoEntry[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const at = 6 + index * 16;
    const bytes = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + bytes > ico.length) throw new Error(`.ico image ${index} runs past the end`);
    return {
      width: ico[at] || 256,
      height: ico[at + 1] || 256,
      bitCount: ico.readUInt16LE(at + 6),
      data: ico.subarray(offset, offset + bytes),
    };
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const isPng = (data: Buffer) => data.subarray(0, 8).equals(PNG_SIGNATURE);

export function decodePngImage(data: Buffer): RgbaImage {
  const png = PNG.sync.read(data);
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/**
 * An .ico image: a PNG, or a 32-bit bitmap (BITMAPINFOHEADER with twice the height, BGRA rows
 * bottom-up, then the 1-bit AND mask). Returns straight RGBA rows top-down, and the mask.
 */
export function decodeIcoImage(entry: IcoEntry): {
  image: RgbaImage;
  transparentByMask?: boolean[];
} {
  if (isPng(entry.data)) return { image: decodePngImage(entry.data) };
  const dib = entry.data;
  const width = dib.readInt32LE(4);
  const height = dib.readInt32LE(8) / 2;
  if (dib.readUInt32LE(0) !== 40 || dib.readUInt16LE(14) !== 32)
    throw new Error('only 32-bit BITMAPINFOHEADER images are read');
  const pixels = 40;
  const maskStride = Math.ceil(width / 32) * 4;
  const mask = pixels + width * height * 4;
  if (dib.length !== mask + maskStride * height) throw new Error('bitmap size mismatch');
  const data = new Uint8Array(width * height * 4);
  const transparentByMask: boolean[] = [];
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const from = pixels + (row * width + x) * 4;
      data.set([dib[from + 2]!, dib[from + 1]!, dib[from]!, dib[from + 3]!], (y * width + x) * 4);
      transparentByMask.push((dib[mask + row * maskStride + (x >> 3)]! & (0x80 >> (x & 7))) !== 0);
    }
  }
  return { image: { width, height, data }, transparentByMask };
}
