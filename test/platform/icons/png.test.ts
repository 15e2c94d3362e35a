import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../src-main/platform/icons/png.ts';
import { decode } from './pixels.ts';

describe('the PNG encoder', () => {
  it('writes RGBA that an independent decoder reads back exactly', () => {
    const width = 7;
    const height = 5;
    const data = new Uint8Array(width * height * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i * 73 + 11) % 256;
    const image = decode(encodePng({ width, height, data }));
    expect([image.width, image.height]).toEqual([7, 5]);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        expect(image.at(x, y)).toEqual([...data.subarray(i, i + 4)]);
      }
    }
  });

  it('gives the same bytes for the same pixels', () => {
    const image = { width: 2, height: 2, data: new Uint8Array(16).fill(200) };
    expect(encodePng(image).equals(encodePng(image))).toBe(true);
  });

  it('refuses pixel data that does not match the stated size', () => {
    expect(() => encodePng({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(
      /10 bytes of RGBA for 4×4/,
    );
  });
});
