import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import config from '../../../electron.vite.config.ts';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Builds the renderer the way the app build does (the renderer section of electron.vite.config),
 * into `outDir`. Relative asset paths, as in the app (cloudmeter://app/).
 */
export async function buildRenderer(outDir: string): Promise<void> {
  const renderer = (config as { renderer: InlineConfig }).renderer;
  await build({
    ...renderer,
    configFile: false,
    root: resolve(root, 'src-renderer'),
    base: './',
    logLevel: 'warn',
    build: { ...renderer.build, outDir, emptyOutDir: true },
  });
}
