import { describe, expect, it } from 'vitest';
import type { TrayIconState } from '../../../src-main/core/tray/tray-state.ts';
import { TrayIconCache } from '../../../src-main/platform/icons/tray-icon-cache.ts';
import { decode } from './pixels.ts';

const at = (percent: number): TrayIconState => ({
  kind: 'usage',
  percent,
  tone: 'normal',
  attention: 'none',
});
const mac = { platform: 'darwin', darkPanel: false } as const;

describe('the tray icon cache', () => {
  it('returns the same buffer for the same state without drawing again', () => {
    const cache = new TrayIconCache();
    const first = cache.png(at(61.2), 'on-dark', 16);
    expect(cache.rendered).toBe(1);
    expect(cache.png(at(61.2), 'on-dark', 16)).toBe(first);
    expect(cache.rendered).toBe(1);
  });

  it('treats percents that look the same at a size as one image, and others as new ones', () => {
    const cache = new TrayIconCache();
    const first = cache.png(at(61.2), 'on-dark', 16);
    expect(cache.png(at(61.4), 'on-dark', 16)).toBe(first);
    const other = cache.png(at(50), 'on-dark', 16);
    expect(other).not.toBe(first);
    expect(other.equals(first)).toBe(false);
    expect(cache.rendered).toBe(2);
  });

  it('keys by style and size as well', () => {
    const cache = new TrayIconCache();
    const dark = cache.png(at(50), 'on-dark', 16);
    expect(cache.png(at(50), 'on-light', 16)).not.toBe(dark);
    expect(cache.png(at(50), 'on-dark', 20)).not.toBe(dark);
    expect(cache.rendered).toBe(3);
  });

  it('gives macOS 16 px and its @2x, twice the size, as a template while all is well', () => {
    const image = new TrayIconCache().image(at(50), mac);
    expect(image.template).toBe(true);
    expect(image.representations.map((r) => [r.scaleFactor, r.sizePx])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    const [one, two] = image.representations.map((r) => decode(r.png));
    expect(two!.width).toBe(one!.width * 2);
    expect(two!.height).toBe(one!.height * 2);
  });

  it('gives Windows 16–64 px for 100–400 % scaling and Linux 22 px and 44 px', () => {
    const cache = new TrayIconCache();
    const sizes = (platform: 'win32' | 'linux') =>
      cache
        .image(at(50), { platform, darkPanel: true })
        .representations.map((r) => decode(r.png).width);
    expect(sizes('win32')).toEqual([16, 20, 24, 32, 40, 48, 64]);
    expect(sizes('linux')).toEqual([22, 44]);
    expect(cache.image(at(50), { platform: 'linux', darkPanel: true }).template).toBe(false);
  });

  it('returns the same image object while nothing visible changes, so the shell can skip setImage', () => {
    const cache = new TrayIconCache();
    const image = cache.image(at(61.2), mac);
    expect(cache.image(at(61.3), mac)).toBe(image);
    const moved = cache.image(at(75), mac);
    expect(moved).not.toBe(image);
    expect(moved.key).not.toBe(image.key);
  });

  it('forgets the least recently used images beyond its size', () => {
    const cache = new TrayIconCache({ maxEntries: 2 });
    cache.png(at(10), 'on-dark', 16);
    cache.png(at(50), 'on-dark', 16);
    cache.png(at(10), 'on-dark', 16); // used again: now the most recent
    cache.png(at(90), 'on-dark', 16); // evicts 50
    expect(cache.rendered).toBe(3);
    cache.png(at(10), 'on-dark', 16);
    expect(cache.rendered).toBe(3);
    cache.png(at(50), 'on-dark', 16);
    expect(cache.rendered).toBe(4);
  });
});
