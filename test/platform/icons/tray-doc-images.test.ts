import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_IMAGES_DIR, trayDocImages } from '../../../scripts/render-tray-icons.ts';
import { decodePngImage } from '../../packaging/icon-containers.ts';

describe('the tray images in docs/images', () => {
  it('are what the tray draws today (otherwise run npx node scripts/render-tray-icons.ts)', () => {
    const fresh = trayDocImages();
    const committed = readdirSync(TRAY_IMAGES_DIR).filter(
      (name) => name.startsWith('tray-') && name.endsWith('.png'),
    );
    expect(committed.sort()).toEqual([...fresh.keys()].sort());
    for (const [name, image] of fresh) {
      const file = decodePngImage(readFileSync(join(TRAY_IMAGES_DIR, name)));
      expect([file.width, file.height], name).toEqual([image.width, image.height]);
      // Pixels, not bytes: the PNGs' deflate streams may differ between zlib builds.
      expect(Buffer.from(file.data).equals(Buffer.from(image.data)), name).toBe(true);
    }
  });
});
