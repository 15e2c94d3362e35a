import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src-shared/domain/config.ts';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';
import { PAGE_OPTIONS } from './support/browser.ts';
import { describeInBrowser } from './support/describe-in-browser.ts';
import { nextFrames, untranslatedWords } from './support/page-probes.ts';
import { settled, startRendererSite, type RendererSite } from './support/window-session.ts';

// Changing and removing accounts, and the window in Japanese. One window, used in order, as in
// usage-window.e2e.test.ts.
describeInBrowser('accounts changed and removed, and the window in Japanese, in Chromium', () => {
  let site: RendererSite;
  let harness: AppHarness;
  let win: Awaited<ReturnType<RendererSite['open']>>;
  let page: Page;

  beforeAll(async () => {
    [site, harness] = await Promise.all([
      startRendererSite(),
      startAppHarness({ fakes: ['idcf', 'memset', 'cdnetworks'], configure: true }),
    ]);
    await harness.handlers['usage:refresh']();
    await settled(harness);
    win = await site.open(harness, '#/');
    page = win.page;
  }, 120_000);

  afterAll(async () => {
    await win?.close();
    await site?.close();
    await harness?.close();
  });

  const configOnDisk = async () => JSON.parse(await readFile(harness.configFile, 'utf8')) as Config;
  const announcement = () => page.getByTestId('announcement');
  /** Waits for what the page shows to settle: events and requests are asynchronous. */
  const eventually = <T>(read: () => T | Promise<T>) =>
    expect.poll(read, { timeout: 10_000, interval: 50 });

  it('edits an account’s name, and removes a secret from the keychain only once confirmed', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByTestId('account-row-memset').getByRole('link', { name: 'Edit' }).click();
    const status = page.getByTestId('secret-status-apiKey');
    await eventually(() => status.textContent()).toContain('Stored in the keychain');
    await page.getByLabel('Name').fill('Memset London');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.url()).toMatch(/#\/account\/memset$/);
    const saved = (await configOnDisk()).accounts.find((a) => a.id === 'memset')!;
    expect(saved.label).toBe('Memset London');
    expect(saved.options.services).toEqual(
      harness.fakes.get('memset')!.account().options!.services,
    );

    await page.getByRole('link', { name: 'Edit' }).click();
    await eventually(() => status.textContent()).toContain('Stored in the keychain');
    await status.getByRole('button', { name: 'Remove from keychain' }).click();
    const confirm = status.getByRole('button', { name: 'Remove the API key from the keychain' });
    await confirm.waitFor();
    await status.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await harness.secrets.get('memset', 'apiKey')).toBeDefined();
    await status.getByRole('button', { name: 'Remove from keychain' }).click();
    await confirm.click();
    await eventually(() => harness.secrets.get('memset', 'apiKey')).toBeNull();
    await eventually(() => status.textContent()).toContain('Not stored');

    // Read again (once Memset's minimum interval has passed), the account needs its key: the
    // card says which one, as the form names it.
    harness.clock.advance(6 * 60_000);
    await harness.handlers['usage:refresh']('memset');
    await page.getByRole('link', { name: 'Overview' }).click();
    await eventually(() => page.getByTestId('card-memset').textContent()).toContain(
      'Some credentials are missing from the keychain (API key).',
    );
  });

  it('removes an account, after asking', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    const { label } = (await configOnDisk()).accounts.find((a) => a.id === 'cdnetworks')!;
    const row = page.getByTestId('account-row-cdnetworks');
    await row.getByRole('button', { name: 'Remove' }).click();
    expect((await configOnDisk()).accounts.map((a) => a.id)).toContain('cdnetworks');
    await row.getByRole('button', { name: `Remove ${label} and its history` }).click();
    await eventually(() => announcement().textContent()).toContain(
      `${label} was removed, with its keychain entries and history.`,
    );
    expect(await row.count()).toBe(0);
    expect((await configOnDisk()).accounts.map((a) => a.id)).toEqual(['idcf', 'memset']);
  });

  it('switches to Japanese, with Japanese dates and numbers', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language', { exact: true }).selectOption('ja');
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('ja');
    expect((await configOnDisk()).preferences.language).toBe('ja');
    await page.getByRole('link', { name: '概要' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('概要');
    const asOf = new Intl.DateTimeFormat('ja', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(harness.clock.now());
    expect(asOf).toMatch(/^2026\/11\/21 12:\d\d$/);
    expect(await page.locator('main').textContent()).toContain(`${asOf} 時点`);
    const card = page.getByTestId('card-idcf');
    expect(await card.textContent()).toContain('1 日あたりの目安');
    expect(await card.textContent()).toContain('jp-east-2 の転送量(受信 + 送信)');
    expect(await page.getByTestId('card-memset').textContent()).toContain('(API キー)');
    expect(await page.getByRole('navigation').textContent()).toContain('アカウント');
  });

  it('shows no English of its own in Japanese, on any view', async () => {
    const config = await configOnDisk();
    const providers = (await harness.handlers['providers:list']()).map((p) => p.displayName);
    const data = {
      // Names people gave, the providers' names and products.
      phrases: [...config.accounts.map((a) => a.label), ...providers, 'Local Storage', 'Memstore'],
      words: [
        ...providers.flatMap((name) => name.split(' ')),
        'Cloudmeter',
        // Memset's service types, as its API names them.
        'server',
        'cdn',
        'memstore',
        // Units, codes and acronyms, the same in Japanese.
        ...['GB', 'TB', 'MB', 'KB', 'GiB', 'TiB', 'JPY', 'GBP', 'EUR'],
        ...['CSV', 'JSON', 'API', 'ID', 'OS', 'URL', 'EIP', 'CDN', 'IP'],
      ],
    };
    const found: string[] = [];
    for (const hash of [
      '#/',
      '#/account/idcf',
      '#/headroom',
      '#/accounts',
      '#/accounts/idcf/edit',
      '#/accounts/new',
      '#/settings/idcf',
    ]) {
      await page.evaluate((to) => (window.location.hash = to), hash);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await nextFrames(page);
      for (const word of await untranslatedWords(page, data)) found.push(`${hash} ${word}`);
    }
    expect(found).toEqual([]);
  });

  it('says in the OS’s language when it cannot reach the app, before any config is read', async () => {
    for (const [locale, words] of [
      ['en-US', 'Cloudmeter’s background service is not available.'],
      ['ja-JP', 'Cloudmeter のバックグラウンドサービスを利用できません。'],
    ] as const) {
      // No test bridge: the page as a browser tab would show it, without the preload.
      const context = await site.browser.newContext({ ...PAGE_OPTIONS, locale });
      try {
        const tab = await context.newPage();
        await tab.goto(site.url);
        await eventually(() => tab.getByRole('alert').textContent()).toBe(words);
        expect(await tab.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
      } finally {
        await context.close();
      }
    }
  });

  it('logged no console error or warning, no page error and no CSP violation', () => {
    expect(win.bridge.problems).toEqual({
      consoleErrors: [],
      consoleWarnings: [],
      cspViolations: [],
      pageErrors: [],
    });
  });
});
