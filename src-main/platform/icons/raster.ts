// A tiny signed-distance rasterizer: enough to draw crisp rings, discs and glyphs at 16 px
// without a canvas or a hidden window. Shapes are distance functions (negative inside, in
// pixels); each pixel averages a grid of sub-samples, each with a sub-pixel-wide edge ramp, so
// edges are antialiased and thin strokes keep their weight.

/** Straight (not premultiplied) 8-bit RGBA, row by row, as PNG stores it. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Signed distance from (x, y) to a shape's edge in pixels: negative inside. */
export type Shape = (x: number, y: number) => number;

/** sRGB 0–255 channels and an opacity 0–1. */
export interface Color {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** A shape painted over what is below it, or erasing it (a transparent cut-out). */
export interface Layer {
  readonly shape: Shape;
  readonly paint: Color | 'erase';
}

const TAU = Math.PI * 2;

export function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** A ring of center-line `radius` and `width`. */
export function ring(cx: number, cy: number, radius: number, width: number): Shape {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) - width / 2;
}

/** Angle of (x, y) around (cx, cy), clockwise from 12 o'clock, in [0, 2π). */
function clockAngle(x: number, y: number, cx: number, cy: number): number {
  const angle = Math.atan2(x - cx, cy - y);
  return angle < 0 ? angle + TAU : angle;
}

/** Distance from (px, py) to the ray from the origin along the unit vector (ux, uy). */
function rayDistance(px: number, py: number, ux: number, uy: number): number {
  const t = Math.max(0, px * ux + py * uy);
  return Math.hypot(px - t * ux, py - t * uy);
}

/**
 * The infinite wedge swept clockwise from 12 o'clock through `sweep` radians. Exact for any
 * sweep: the edge is the two bounding rays, and the sign says which side of them a point is.
 */
export function wedge(cx: number, cy: number, sweep: number): Shape {
  if (sweep >= TAU) return () => -Infinity;
  if (sweep <= 0) return () => Infinity;
  const endX = Math.sin(sweep);
  const endY = -Math.cos(sweep);
  return (x, y) => {
    const px = x - cx;
    const py = y - cy;
    const toEdge = Math.min(rayDistance(px, py, 0, -1), rayDistance(px, py, endX, endY));
    return clockAngle(x, y, cx, cy) <= sweep ? -toEdge : toEdge;
  };
}

/** `count` equal dashes around a ring, each covering `duty` (0–1) of its share of the turn. */
export function dashes(cx: number, cy: number, count: number, duty: number): Shape {
  const period = TAU / count;
  return (x, y) => {
    const local = (clockAngle(x, y, cx, cy) % period) - period / 2;
    return (Math.abs(local) - (period * duty) / 2) * Math.hypot(x - cx, y - cy);
  };
}

/** An axis-aligned box centered on (cx, cy), with rounded corners of `radius`. */
export function box(cx: number, cy: number, width: number, height: number, radius = 0): Shape {
  const hx = width / 2 - radius;
  const hy = height / 2 - radius;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx;
    const dy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
    return outside + Math.min(Math.max(dx, dy), 0) - radius;
  };
}

export function union(...shapes: Shape[]): Shape {
  return (x, y) => {
    let d = Infinity;
    for (const shape of shapes) d = Math.min(d, shape(x, y));
    return d;
  };
}

export function intersect(...shapes: Shape[]): Shape {
  return (x, y) => {
    let d = -Infinity;
    for (const shape of shapes) d = Math.max(d, shape(x, y));
    return d;
  };
}

export function subtract(shape: Shape, hole: Shape): Shape {
  return (x, y) => Math.max(shape(x, y), -hole(x, y));
}

/** Fraction of the pixel whose top-left corner is (px, py) covered by `shape`. */
function coverage(shape: Shape, px: number, py: number, grid: number): number {
  // Fast path: far from the edge, the whole pixel is in or out.
  const center = shape(px + 0.5, py + 0.5);
  if (center <= -0.75) return 1;
  if (center >= 0.75) return 0;
  let sum = 0;
  for (let j = 0; j < grid; j++) {
    for (let i = 0; i < grid; i++) {
      const d = shape(px + (i + 0.5) / grid, py + (j + 0.5) / grid);
      sum += Math.min(1, Math.max(0, 0.5 - d * grid));
    }
  }
  return sum / (grid * grid);
}

/** Paints the layers in order onto a transparent image of `width` × `height` pixels. */
export function rasterize(width: number, height: number, layers: readonly Layer[], grid = 4) {
  const data = new Uint8Array(width * height * 4);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      // Premultiplied accumulation, so "over" and "erase" compose exactly.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        const cover = coverage(layer.shape, px, py, grid);
        if (cover === 0) continue;
        if (layer.paint === 'erase') {
          r *= 1 - cover;
          g *= 1 - cover;
          b *= 1 - cover;
          a *= 1 - cover;
          continue;
        }
        const alpha = layer.paint.a * cover;
        r = layer.paint.r * alpha + r * (1 - alpha);
        g = layer.paint.g * alpha + g * (1 - alpha);
        b = layer.paint.b * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      }
      const at = (py * width + px) * 4;
      if (a > 0) {
        data[at] = Math.round(r / a);
        data[at + 1] = Math.round(g / a);
        data[at + 2] = Math.round(b / a);
        data[at + 3] = Math.round(a * 255);
      }
    }
  }
  return { width, height, data } satisfies RgbaImage;
}
