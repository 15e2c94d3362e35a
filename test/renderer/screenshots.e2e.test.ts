import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';
import { describeInBrowser } from './support/describe-in-browser.ts';
import { settled, startRendererSite, type RendererSite } from './support/window-session.ts';

const IMAGES = join(import.meta.dirname, '../../docs/images');

/** Every view, and what shows that it has finished drawing. */
const VIEWS: readonly { name: string; hash: string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'overview', hash: '#/', ready: (p) => p.getByTestId('card-idcf').waitFor() },
  {
    name: 'account',
    hash: '#/account/idcf',
    ready: (p) => p.locator('[data-testid=history][data-state=painted]').waitFor(),
  },
  {
    name: 'headroom',
    hash: '#/headroom',
    ready: (p) => p.getByTestId('headroom-best').first().waitFor(),
  },
  {
    name: 'accounts',
    hash: '#/accounts',
    ready: (p) => p.getByTestId('account-row-idcf').waitFor(),
  },
  {
    name: 'account-form',
    hash: '#/accounts/surfercloud/edit',
    ready: (p) => p.getByTestId('secret-status-privateKey').waitFor(),
  },
  {
    name: 'settings',
    hash: '#/settings/idcf',
    ready: (p) => p.getByTestId('account-alerts').waitFor(),
  },
];

// The app on all five fake providers at the harness's fixed time: the same pictures every run.
describeInBrowser('screenshots of every view, light and dark, for the docs', () => {
  let site: RendererSite;
  let harness: AppHarness;

  beforeAll(async () => {
    [site, harness] = await Promise.all([
      startRendererSite(),
      startAppHarness({
        fakes: ['idcf', 'memset', 'cdnetworks', 'surfercloud', 'seeweb'],
        configure: true,
      }),
    ]);
    await harness.handlers['usage:refresh']();
    await settled(harness);
    await mkdir(IMAGES, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    await harness?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`draws every view in the ${theme} theme, following the system`, async () => {
      const win = await site.open(harness, '#/', { colorScheme: theme });
      try {
        const { page } = win;
        for (const view of VIEWS) {
          await page.evaluate((hash) => (window.location.hash = hash), view.hash);
          await view.ready(page);
          expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
          // One more frame, so that the last chart's paint is on screen.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
          await page.screenshot({
            path: join(IMAGES, `screen-${view.name}-${theme}.png`),
            fullPage: true,
          });
        }
        expect(win.bridge.problems).toEqual({
          consoleErrors: [],
          cspViolations: [],
          pageErrors: [],
        });
      } finally {
        await win.close();
      }
    }, 60_000);
  }
});
