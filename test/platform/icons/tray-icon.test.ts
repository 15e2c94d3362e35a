import { describe, expect, it } from 'vitest';
import type { TrayIconState } from '../../../src-main/core/tray/tray-state.ts';
import {
  trayIconStyle,
  type TrayIconStyle,
} from '../../../src-main/platform/icons/tray-icon-look.ts';
import { renderTrayIconPng } from '../../../src-main/platform/icons/tray-icon-render.ts';
import { decode, designPixel, isAmber, isRed, ringPixel, type Decoded } from './pixels.ts';

const usage = (
  percent: number | null,
  tone: 'normal' | 'warning' | 'critical' = 'normal',
  attention: 'none' | 'stale' | 'error' = 'none',
): TrayIconState => ({ kind: 'usage', percent, tone, attention });

const STATES: Record<string, TrayIconState> = {
  '0 %': usage(0),
  '50 %': usage(50),
  '85 %': usage(85, 'warning'),
  '97 %': usage(97, 'critical'),
  '104 %': usage(104, 'critical'),
  stale: usage(62, 'normal', 'stale'),
  error: usage(62, 'normal', 'error'),
  'no accounts': { kind: 'no-accounts' },
  pending: { kind: 'pending' },
};

const render = (state: TrayIconState, style: TrayIconStyle, size: number): Decoded =>
  decode(renderTrayIconPng(state, style, size));

const alpha = (rgba: readonly number[]) => rgba[3]!;

describe('the tray icon renderer', () => {
  it.each([16, 20, 22, 24, 32, 40, 44, 48, 64])(
    'draws %d px icons whose corners are transparent in every state',
    (size) => {
      for (const state of Object.values(STATES)) {
        const image = render(state, 'on-dark', size);
        expect([image.width, image.height]).toEqual([size, size]);
        for (const [x, y] of [
          [0, 0],
          [size - 1, 0],
          [0, size - 1],
        ]) {
          expect(alpha(image.at(x!, y!))).toBe(0);
        }
      }
    },
  );

  it('fills the gauge clockwise from 12 o’clock up to the percent, over a faint track', () => {
    const image = render(usage(50), 'on-dark', 32);
    expect(ringPixel(image, 0.25)).toEqual([255, 255, 255, 255]);
    const track = ringPixel(image, 0.75);
    expect(track.slice(0, 3)).toEqual([255, 255, 255]);
    expect(alpha(track)).toBeGreaterThan(50);
    expect(alpha(track)).toBeLessThan(110);
    // Inside the ring the background shows through.
    expect(alpha(designPixel(image, 8, 8))).toBe(0);
  });

  it('antialiases the ring’s edges with partly transparent pixels', () => {
    const image = render(usage(50), 'on-dark', 16);
    const alphas = new Set<number>();
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) alphas.add(alpha(image.at(x, y)));
    expect([...alphas].filter((a) => a > 0 && a < 255).length).toBeGreaterThan(10);
  });

  it('draws amber at the warning threshold and red at critical, on dark and light panels', () => {
    for (const style of ['on-dark', 'on-light'] as const) {
      const warning = ringPixel(render(usage(85, 'warning'), style, 32), 0.5);
      const critical = ringPixel(render(usage(97, 'critical'), style, 32), 0.5);
      expect(isAmber(warning), `${style} warning ${warning.join()}`).toBe(true);
      expect(isRed(critical), `${style} critical ${critical.join()}`).toBe(true);
      expect(alpha(warning)).toBe(255);
      expect(alpha(critical)).toBe(255);
    }
  });

  it('keeps a gap in the ring below 100 % and closes it with a disc in the middle above', () => {
    const almost = render(usage(97, 'critical'), 'on-dark', 64);
    const over = render(usage(104, 'critical'), 'on-dark', 64);
    expect(isRed(ringPixel(almost, 0.995))).toBe(false);
    expect(isRed(ringPixel(over, 0.995))).toBe(true);
    expect(alpha(designPixel(almost, 8, 8))).toBe(0);
    expect(isRed(designPixel(over, 8, 8))).toBe(true);
  });

  it('makes the macOS template image from black and alpha only', () => {
    for (const name of ['0 %', '50 %', 'stale', 'no accounts', 'pending']) {
      const image = render(STATES[name]!, 'template', 32);
      let visible = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const [r, g, b, a] = image.at(x, y);
          if (a > 0) expect([r, g, b], name).toEqual([0, 0, 0]);
          if (a > 0) visible++;
        }
      }
      expect(visible, name).toBeGreaterThan(20);
    }
    expect(ringPixel(render(usage(50), 'template', 32), 0.25)).toEqual([0, 0, 0, 255]);
  });

  it('puts a red badge with a clear moat on the gauge for errors', () => {
    const image = render(usage(100, 'normal', 'error'), 'on-dark', 64);
    const plain = render(usage(100, 'normal'), 'on-dark', 64);
    const badge = designPixel(image, 14.9, 12.4);
    expect(isRed(badge)).toBe(true);
    expect(alpha(badge)).toBe(255);
    // The "!" is knocked out of the badge, and the ring is cut back around it.
    expect(alpha(designPixel(image, 12.5, 11))).toBe(0);
    expect(alpha(designPixel(plain, 13.4, 8.9))).toBe(255);
    expect(alpha(designPixel(image, 13.4, 8.9))).toBe(0);
  });

  it('fades the gauge and adds a clock badge for stale data', () => {
    const stale = render(usage(50, 'normal', 'stale'), 'on-dark', 32);
    const fresh = render(usage(50), 'on-dark', 32);
    expect(alpha(ringPixel(fresh, 0.2))).toBe(255);
    expect(alpha(ringPixel(stale, 0.2))).toBeGreaterThan(90);
    expect(alpha(ringPixel(stale, 0.2))).toBeLessThan(140);
    expect(designPixel(stale, 14.9, 14)).toEqual([255, 255, 255, 255]);
  });

  it('shows a plus in an empty ring without accounts, and a ring of dots while reading', () => {
    const none = render({ kind: 'no-accounts' }, 'on-light', 32);
    const pending = render({ kind: 'pending' }, 'on-light', 32);
    expect(alpha(designPixel(none, 8, 8))).toBe(255);
    expect(alpha(designPixel(pending, 8, 8))).toBe(0);
    expect(alpha(ringPixel(pending, 0))).toBeGreaterThan(150);
    expect(alpha(ringPixel(pending, 1 / 16))).toBe(0);
  });

  it('gives every state its own look, even at 16 px', () => {
    const pngs = Object.values(STATES).map((state) =>
      renderTrayIconPng(state, 'on-dark', 16).toString('base64'),
    );
    expect(new Set(pngs).size).toBe(pngs.length);
  });
});

describe('the icon style', () => {
  it('is a template on macOS while all is well, and colour once amber, red or failing', () => {
    const mac = { platform: 'darwin', darkPanel: true } as const;
    expect(trayIconStyle(usage(50), mac)).toBe('template');
    expect(trayIconStyle(usage(50, 'normal', 'stale'), mac)).toBe('template');
    expect(trayIconStyle({ kind: 'no-accounts' }, mac)).toBe('template');
    expect(trayIconStyle(usage(85, 'warning'), mac)).toBe('on-dark');
    expect(trayIconStyle(usage(10, 'normal', 'error'), { ...mac, darkPanel: false })).toBe(
      'on-light',
    );
  });

  it('is always in colour for the panel’s theme on Windows and Linux', () => {
    expect(trayIconStyle(usage(50), { platform: 'win32', darkPanel: false })).toBe('on-light');
    expect(trayIconStyle(usage(50), { platform: 'linux', darkPanel: true })).toBe('on-dark');
  });
});
