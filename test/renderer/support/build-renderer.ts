import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import config from '../../../electron.vite.config.ts';

const root = resolve(import.meta.dirname, '../../..');

export interface RendererBuildOptions {
  /**
   * React's production build, as the app ships it. Otherwise the build follows NODE_ENV, which
   * vitest sets to `test`: React's development build, which checks more (and warns), but is
   * not what users run.
   */
  readonly production?: boolean;
}

/**
 * Builds the renderer the way the app build does (the renderer section of electron.vite.config),
 * into `outDir`. Relative asset paths, as in the app (cloudmeter://app/).
 */
export async function buildRenderer(
  outDir: string,
  options: RendererBuildOptions = {},
): Promise<void> {
  const renderer = (config as { renderer: InlineConfig }).renderer;
  // Vite and the React plugin decide between development and production by NODE_ENV (a `mode`
  // or a `define` alone gives production React with development JSX, which cannot run).
  const nodeEnv = process.env.NODE_ENV;
  if (options.production) process.env.NODE_ENV = 'production';
  try {
    await build({
      ...renderer,
      configFile: false,
      root: resolve(root, 'src-renderer'),
      base: './',
      logLevel: 'warn',
      build: { ...renderer.build, outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
