import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { silentLogger } from '../../../src-main/core/logger.ts';
import type { AppHarness } from '../../support/app-harness.ts';
import { buildRenderer, type RendererBuildOptions } from './build-renderer.ts';
import { PAGE_OPTIONS, launchChromium } from './browser.ts';
import { serveRenderer } from './static-server.ts';
import { installTestBridge } from './test-bridge.ts';

/** The renderer built into a temp folder, served with the CSP, and a Chromium to open it. */
export async function startRendererSite(build: RendererBuildOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'cloudmeter-renderer-'));
  await buildRenderer(dir, build);
  const server = await serveRenderer(dir);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    dir,
    url: server.url,
    browser,
    /** A window on the harness: a fresh browser context with the test bridge installed. */
    async open(harness: AppHarness, hash = '#/', options: BrowserContextOptions = {}) {
      const context = await browser.newContext({ ...PAGE_OPTIONS, ...options });
      const page: Page = await context.newPage();
      const bridge = await installTestBridge(page, harness, silentLogger);
      await page.goto(`${server.url}${hash}`);
      return {
        page,
        bridge,
        async close() {
          bridge.dispose();
          await context.close();
        },
      };
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type RendererSite = Awaited<ReturnType<typeof startRendererSite>>;

/** Waits for every backfill the harness started (history of earlier periods). */
export async function settled(harness: AppHarness): Promise<void> {
  await Promise.all(harness.services.usage['flights'].inFlight());
}
