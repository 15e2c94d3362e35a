import { describe, expect, it } from 'vitest';
import { encodeIcns, ICNS_TYPES } from '../../../src-main/platform/icons/icns.ts';
import { encodePng } from '../../../src-main/platform/icons/png.ts';
import { parseIcns } from '../../packaging/icon-containers.ts';
import { decode } from './pixels.ts';

/** A flat square PNG: the container does not care what is drawn. */
const flat = (size: number) =>
  encodePng({ width: size, height: size, data: new Uint8Array(size * size * 4).fill(200) });

describe('the macOS .icns', () => {
  it('holds one PNG entry per type, each decoding to the size its type stands for', () => {
    const sizes = [16, 32, 64, 128, 256, 512, 1024];
    const entries = parseIcns(encodeIcns(new Map(sizes.map((size) => [size, flat(size)]))));
    expect(entries.map((e) => e.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const entry of entries) {
      const size = ICNS_TYPES.find(([type]) => type === entry.type)![1];
      const image = decode(entry.data);
      expect([entry.type, image.width, image.height]).toEqual([entry.type, size, size]);
    }
  });

  it('uses one image for both the 1x and the Retina entry of the same pixel size', () => {
    const entries = parseIcns(encodeIcns(new Map([[32, flat(32)]])));
    expect(entries.map((e) => e.type)).toEqual(['icp5', 'ic11']);
    expect(entries[0]!.data.equals(entries[1]!.data)).toBe(true);
  });

  it('refuses a size no entry type holds, and an empty set', () => {
    expect(() => encodeIcns(new Map([[48, flat(48)]]))).toThrow(/48 px/);
    expect(() => encodeIcns(new Map())).toThrow(/no images/);
  });
});
