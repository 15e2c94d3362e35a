import { PNG } from 'pngjs';

export interface Decoded {
  readonly width: number;
  readonly height: number;
  /** [r, g, b, a] at a pixel. */
  at(x: number, y: number): [number, number, number, number];
}

/** Decodes with pngjs (an independent decoder), so the tests also prove the PNGs are valid. */
export function decode(png: Buffer): Decoded {
  const image = PNG.sync.read(png);
  return {
    width: image.width,
    height: image.height,
    at(x, y) {
      const i = (y * image.width + x) * 4;
      return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
    },
  };
}

/** The pixel under a point of the 16 px design grid, at another size. */
export function designPixel(image: Decoded, x: number, y: number) {
  const k = image.width / 16;
  return image.at(Math.floor(x * k), Math.floor(y * k));
}

/** The pixel on the ring's center line at a fraction of a turn clockwise from 12 o'clock. */
export function ringPixel(image: Decoded, turn: number) {
  const angle = turn * 2 * Math.PI;
  return designPixel(image, 8 + 5.5 * Math.sin(angle), 8 - 5.5 * Math.cos(angle));
}

/** Hue in degrees (0–360) and saturation (0–1) of an RGB colour. */
export function hueOf([r, g, b]: readonly number[]): { hue: number; saturation: number } {
  const [R, G, B] = [r! / 255, g! / 255, b! / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const delta = max - min;
  let hue = 0;
  if (delta > 0) {
    if (max === R) hue = 60 * (((G - B) / delta) % 6);
    else if (max === G) hue = 60 * ((B - R) / delta + 2);
    else hue = 60 * ((R - G) / delta + 4);
  }
  return { hue: (hue + 360) % 360, saturation: max === 0 ? 0 : delta / max };
}

export const isAmber = (rgba: readonly number[]) => {
  const { hue, saturation } = hueOf(rgba);
  return hue >= 28 && hue <= 50 && saturation > 0.7;
};

export const isRed = (rgba: readonly number[]) => {
  const { hue, saturation } = hueOf(rgba);
  return (hue <= 12 || hue >= 348) && saturation > 0.6;
};
