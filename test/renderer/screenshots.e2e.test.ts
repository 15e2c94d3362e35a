import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';
import { describeInBrowser } from './support/describe-in-browser.ts';
import { nextFrames } from './support/page-probes.ts';
import { settled, startRendererSite, type RendererSite } from './support/window-session.ts';

const IMAGES = join(import.meta.dirname, '../../docs/images');

interface View {
  readonly name: string;
  readonly hash: string;
  /** Waits for what shows that the view has finished drawing (and fills in what it shows). */
  readonly ready: (page: Page) => Promise<unknown>;
}

const OVERVIEW: View = {
  name: 'overview',
  hash: '#/',
  ready: (p) => p.getByTestId('card-idcf').waitFor(),
};
const ACCOUNT: View = {
  name: 'account',
  hash: '#/account/idcf',
  ready: (p) => p.locator('[data-testid=history][data-state=painted]').waitFor(),
};

/** Every view, and what shows that it has finished drawing. */
const VIEWS: readonly View[] = [
  OVERVIEW,
  ACCOUNT,
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
    name: 'account-add',
    hash: '#/accounts/new',
    ready: async (p) => {
      await p.locator('#provider').selectOption('idcf');
      await p.locator('#secret-apiKey').waitFor();
    },
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

/** The whole page from its top: the sticky header where it belongs, not where it was scrolled. */
async function capture(page: Page, view: View, file: string) {
  await page.evaluate((hash) => (window.location.hash = hash), view.hash);
  await view.ready(page);
  await nextFrames(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  // One more frame, so that the last chart's paint is on screen.
  await nextFrames(page);
  await page.screenshot({ path: join(IMAGES, file), fullPage: true });
}

// The app on all five fake providers at the harness's fixed time: the same pictures every run,
// from the production build the app ships (the other browser tests use React's development one).
describeInBrowser('screenshots of every view, light and dark, for the docs', () => {
  let site: RendererSite;
  let harness: AppHarness;

  beforeAll(async () => {
    [site, harness] = await Promise.all([
      startRendererSite({ production: true }),
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

  /** Opens a window in a theme, runs `body`, and checks the page reported no problem. */
  async function inWindow(theme: 'light' | 'dark', body: (page: Page) => Promise<void>) {
    const win = await site.open(harness, '#/', { colorScheme: theme });
    try {
      await body(win.page);
      expect(await win.page.locator('html').getAttribute('data-theme')).toBe(theme);
      expect(win.bridge.problems).toEqual({
        consoleErrors: [],
        consoleWarnings: [],
        cspViolations: [],
        pageErrors: [],
      });
    } finally {
      await win.close();
    }
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`draws every view in the ${theme} theme, following the system`, async () => {
      await inWindow(theme, async (page) => {
        for (const view of VIEWS) await capture(page, view, `screen-${view.name}-${theme}.png`);
      });
    }, 60_000);
  }

  it('draws the overview and an account in Japanese', async () => {
    await harness.handlers['settings:update']({ preferences: { language: 'ja' } });
    try {
      await inWindow('light', async (page) => {
        for (const view of [OVERVIEW, ACCOUNT])
          await capture(page, view, `screen-${view.name}-ja-light.png`);
        expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      });
    } finally {
      await harness.handlers['settings:update']({ preferences: { language: 'system' } });
    }
  }, 60_000);

  // Last: it leaves accounts in trouble. The machine slept seven hours, longer than figures
  // stay fresh (6 hours by default); on waking, Seeweb refuses its token.
  it('draws accounts in trouble: an error and stale figures', async () => {
    // Polls the config changes above started finish first, at the time they started.
    await settled(harness);
    harness.clock.advance(7 * 3_600_000);
    harness.services.usage.wake(harness.clock.now());
    harness.fakes.get('seeweb')!.server.inject({ kind: 'status', status: 401 });
    await harness.handlers['usage:refresh']('seeweb');
    const states = Object.fromEntries(
      harness.services.usage.state().accounts.map((a) => [a.accountId, a.status.state]),
    );
    expect(states).toMatchObject({ seeweb: 'error', cdnetworks: 'stale' });
    const troubled: View = {
      ...OVERVIEW,
      ready: (p) => p.getByTestId('card-seeweb').getByRole('alert').waitFor(),
    };
    for (const theme of ['light', 'dark'] as const)
      await inWindow(theme, (page) => capture(page, troubled, `screen-problems-${theme}.png`));
  }, 60_000);
});
