import type { TrayIconState } from '../../core/tray/tray-state.ts';
import { encodePng } from './png.ts';
import {
  box,
  circle,
  intersect,
  rasterize,
  ring,
  subtract,
  union,
  wedge,
  type Color,
  type Layer,
  type RgbaImage,
  type Shape,
} from './raster.ts';
import { iconLook, RING_RADIUS_16, type IconLook, type TrayIconStyle } from './tray-icon-look.ts';

interface Palette {
  /** The neutral ink: the gauge when all is well, the track, the badges' light parts. */
  readonly ink: Color;
  readonly trackAlpha: number;
  readonly warning: Color;
  readonly critical: Color;
  readonly error: Color;
}

const rgb = (r: number, g: number, b: number, a = 1): Color => ({ r, g, b, a });

// Amber and red are a shade brighter on dark panels and deeper on light ones, so that both
// keep a contrast of about 3:1 or more against the panel.
const PALETTES: Readonly<Record<TrayIconStyle, Palette>> = {
  template: {
    ink: rgb(0, 0, 0),
    trackAlpha: 0.3,
    warning: rgb(0, 0, 0),
    critical: rgb(0, 0, 0),
    error: rgb(0, 0, 0),
  },
  'on-dark': {
    ink: rgb(255, 255, 255),
    trackAlpha: 0.32,
    warning: rgb(255, 179, 28),
    critical: rgb(255, 82, 72),
    error: rgb(255, 82, 72),
  },
  'on-light': {
    ink: rgb(28, 28, 30),
    trackAlpha: 0.25,
    warning: rgb(204, 122, 0),
    critical: rgb(214, 32, 28),
    error: rgb(214, 32, 28),
  },
};

const withAlpha = (color: Color, a: number): Color => ({ ...color, a: color.a * a });

// Geometry on a 16 px design grid, scaled to the target size.
const CENTER = 8;
const RING_WIDTH = 2.5;
const BADGE_CENTER = 12.5;
const BADGE_RADIUS = 3.5;
const BADGE_GAP = 1.1;
const STALE_DIM = 0.45;

function scaled(shape: Shape, k: number): Shape {
  return (x, y) => shape(x / k, y / k) * k;
}

function gaugeColor(look: IconLook, palette: Palette): Color {
  if (look.tone === 'critical') return palette.critical;
  return look.tone === 'warning' ? palette.warning : palette.ink;
}

/** The ring, its filled arc, and the disc in the middle once the quota is exceeded. */
function gaugeLayers(look: IconLook, palette: Palette): Layer[] {
  const dim = look.attention === 'stale' ? STALE_DIM : 1;
  const color = withAlpha(gaugeColor(look, palette), dim);
  const ringShape = ring(CENTER, CENTER, RING_RADIUS_16, RING_WIDTH);
  const sweep = (look.filled / look.steps) * 2 * Math.PI;
  const arc = intersect(ringShape, wedge(CENTER, CENTER, sweep));
  // The track is the rest of the ring, so the arc's colour is never mixed with the track's.
  const layers: Layer[] = [
    { shape: subtract(ringShape, arc), paint: withAlpha(palette.ink, palette.trackAlpha * dim) },
  ];
  if (look.filled > 0) layers.push({ shape: arc, paint: color });
  if (look.exceeded) layers.push({ shape: circle(CENTER, CENTER, 2.4), paint: color });
  return layers;
}

/** "No accounts": an empty ring with a plus, nothing to measure until one is added. */
function noAccountLayers(palette: Palette): Layer[] {
  const plus = union(box(CENTER, CENTER, 6, 2, 0.4), box(CENTER, CENTER, 2, 6, 0.4));
  return [
    { shape: ring(CENTER, CENTER, RING_RADIUS_16, 1.5), paint: withAlpha(palette.ink, 0.45) },
    { shape: plus, paint: palette.ink },
  ];
}

/** "Reading…": a ring of dots, the first poll still running. */
function pendingLayers(palette: Palette): Layer[] {
  const dots: Shape[] = [];
  for (let i = 0; i < 8; i++) {
    const angle = (i / 8) * 2 * Math.PI;
    const x = CENTER + RING_RADIUS_16 * Math.sin(angle);
    const y = CENTER - RING_RADIUS_16 * Math.cos(angle);
    dots.push(circle(x, y, 1.05));
  }
  return [{ shape: union(...dots), paint: withAlpha(palette.ink, 0.7) }];
}

/** A disc in the lower right with a clear moat around it, and a glyph knocked out of it. */
function badgeLayers(fill: Color, glyph: Shape): Layer[] {
  const moat = circle(BADGE_CENTER, BADGE_CENTER, BADGE_RADIUS + BADGE_GAP);
  const disc = circle(BADGE_CENTER, BADGE_CENTER, BADGE_RADIUS);
  return [
    { shape: moat, paint: 'erase' },
    { shape: subtract(disc, glyph), paint: fill },
  ];
}

/** "!" for an error or missing credentials. */
function exclamation(): Shape {
  return union(
    box(BADGE_CENTER, BADGE_CENTER - 0.75, 1.3, 3.1, 0.6),
    circle(BADGE_CENTER, BADGE_CENTER + 1.75, 0.7),
  );
}

/** Clock hands (12 and 3 o'clock) for stale data. */
function clockHands(): Shape {
  const c = BADGE_CENTER;
  return union(box(c, c - 0.9, 1.1, 2.9, 0.4), box(c + 0.75, c, 2.6, 1.1, 0.4));
}

function layersFor(look: IconLook): Layer[] {
  const palette = PALETTES[look.style];
  if (look.figure === 'no-accounts') return noAccountLayers(palette);
  if (look.figure === 'pending') return pendingLayers(palette);
  const layers = gaugeLayers(look, palette);
  if (look.attention === 'error') layers.push(...badgeLayers(palette.error, exclamation()));
  if (look.attention === 'stale') layers.push(...badgeLayers(palette.ink, clockHands()));
  return layers;
}

/** Draws a look as RGBA pixels on a transparent background. */
export function drawTrayIcon(look: IconLook): RgbaImage {
  const k = look.sizePx / 16;
  const layers = layersFor(look).map((layer) => ({ ...layer, shape: scaled(layer.shape, k) }));
  return rasterize(look.sizePx, look.sizePx, layers);
}

/** The tray icon for a state as a PNG of `sizePx` × `sizePx` device pixels. Uncached. */
export function renderTrayIconPng(
  state: TrayIconState,
  style: TrayIconStyle,
  sizePx: number,
): Buffer {
  return encodePng(drawTrayIcon(iconLook(state, style, sizePx)));
}
