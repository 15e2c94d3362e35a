import { describe, expect, it } from 'vitest';
import type { TrayIconState } from '../../../src-main/core/tray/tray-state.ts';
import { encodeIco } from '../../../src-main/platform/icons/ico.ts';
import { ICO_SIZES, TrayIconCache } from '../../../src-main/platform/icons/tray-icon-cache.ts';
import { decode } from './pixels.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface IcoEntry {
  readonly width: number;
  readonly height: number;
  readonly planes: number;
  readonly bitCount: number;
  readonly image: Buffer;
}

/** Reads an .ico container the way Windows does: header, directory, then each image. */
function parseIco(ico: Buffer): IcoEntry[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + index * 16;
    const bytes = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    expect(offset + bytes).toBeLessThanOrEqual(ico.length);
    return {
      width: ico[at] || 256,
      height: ico[at + 1] || 256,
      planes: ico.readUInt16LE(at + 4),
      bitCount: ico.readUInt16LE(at + 6),
      image: ico.subarray(offset, offset + bytes),
    };
  });
}

const warning: TrayIconState = { kind: 'usage', percent: 85, tone: 'warning', attention: 'none' };

describe('the Windows .ico', () => {
  it('holds every size as an embedded PNG that decodes to that size', () => {
    const entries = parseIco(new TrayIconCache().ico(warning, 'on-light'));
    expect(entries.map((e) => e.width)).toEqual([...ICO_SIZES]);
    expect(ICO_SIZES).toEqual([16, 20, 24, 32, 48, 64, 256]);
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width);
      expect([entry.planes, entry.bitCount]).toEqual([1, 32]);
      expect(entry.image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      const image = decode(entry.image);
      expect([image.width, image.height]).toEqual([entry.width, entry.height]);
    }
  });

  it('lays the images out one after another without overlap', () => {
    const pngs = [
      { size: 16, png: Buffer.from('first-png') },
      { size: 256, png: Buffer.from('second') },
    ];
    const ico = encodeIco(pngs);
    const entries = parseIco(ico);
    expect(entries.map((e) => e.image.toString())).toEqual(['first-png', 'second']);
    expect(ico.length).toBe(6 + 2 * 16 + 9 + 6);
  });

  it('refuses sizes the format cannot state, and an empty set', () => {
    expect(() => encodeIco([{ size: 512, png: Buffer.from('x') }])).toThrow(/512/);
    expect(() => encodeIco([])).toThrow(/no images/);
  });
});
