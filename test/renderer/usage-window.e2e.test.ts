import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFormatters } from '../../src-renderer/format/formatters.ts';
import { formatLimit } from '../../src-renderer/format/limit.ts';
import { headroomGroups } from '../../src-renderer/model/headroom.ts';
import { primaryLine } from '../../src-renderer/model/lines.ts';
import type { Config } from '../../src-shared/domain/config.ts';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';
import { describeInBrowser } from './support/describe-in-browser.ts';
import { settled, startRendererSite, type RendererSite } from './support/window-session.ts';

// One window, used in order: each test continues from where the previous one left the app.
describeInBrowser('the usage window in Chromium, over the real core', () => {
  let site: RendererSite;
  let harness: AppHarness;
  let win: Awaited<ReturnType<RendererSite['open']>>;
  let page: Page;
  const fmt = createFormatters('en-US', 'si');

  beforeAll(async () => {
    [site, harness] = await Promise.all([
      startRendererSite(),
      startAppHarness({ fakes: ['idcf', 'memset', 'cdnetworks'], configure: true }),
    ]);
    // IDCF is added through the form below; its fake server keeps running.
    await harness.handlers['accounts:remove']('idcf');
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
  const idcf = () => harness.fakes.get('idcf')!;
  const announcement = () => page.getByTestId('announcement');
  /** Waits for what the page shows to settle: events and requests are asynchronous. */
  const eventually = <T>(read: () => T | Promise<T>) =>
    expect.poll(read, { timeout: 10_000, interval: 50 });

  it('shows a card per account with the figures the core computed', async () => {
    const state = harness.services.usage.state();
    expect(state.accounts.map((a) => a.accountId)).toEqual(['memset', 'cdnetworks']);
    for (const snapshot of state.accounts) {
      const card = page.getByTestId(`card-${snapshot.accountId}`);
      await eventually(() => card.isVisible()).toBe(true);
      const lead = primaryLine(snapshot)!;
      const limit = formatLimit(lead, fmt);
      const used = fmt.amount(lead.used, lead.meter.unit);
      expect(await card.getByTestId('figure-used').textContent()).toBe(
        limit ? `${used} of ${limit}` : used,
      );
      expect(await card.textContent()).toContain(snapshot.label);
    }
  });

  it('adds an account through the form, after a failed connection test says why in words', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByLabel('Provider').selectOption('idcf');
    await page.getByLabel('Name').fill('IDCF Tokyo');
    expect(await page.getByLabel('Account id').inputValue()).toBe('idcf-tokyo');
    await page.getByLabel('API key').fill('A'.repeat(86));
    await page.getByLabel('Secret key').fill('B'.repeat(86));
    await page.getByText('Advanced').click();
    await page.getByLabel('API endpoint').fill(idcf().server.baseUrl);

    await page.getByRole('button', { name: 'Test connection' }).click();
    const outcome = page.getByTestId('form-outcome');
    await eventually(() => outcome.textContent()).toContain('Connection failed.');
    expect(await outcome.textContent()).toContain('The provider rejected these credentials.');
    expect(await outcome.getAttribute('role')).toBe('alert');

    await page.getByLabel('API key').fill(idcf().credentials.apiKey!);
    await page.getByLabel('Secret key').fill(idcf().credentials.secretKey!);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => outcome.textContent()).toContain('Connection works');

    await page.getByRole('button', { name: 'Find Regions on the provider' }).click();
    await page.getByRole('checkbox', { name: /jp-east-2/ }).check();
    await page.getByRole('checkbox', { name: /jp-west/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();

    await eventually(() => page.url()).toMatch(/#\/account\/idcf-tokyo$/);
    const saved = (await configOnDisk()).accounts.find((a) => a.id === 'idcf-tokyo')!;
    expect(saved).toMatchObject({ provider: 'idcf', label: 'IDCF Tokyo' });
    expect(saved.options.regions).toEqual(['jp-east-2', 'jp-west']);
    expect(JSON.stringify(await configOnDisk())).not.toContain(idcf().credentials.secretKey!);
    expect(await harness.secrets.get('idcf-tokyo', 'secretKey')).toBe(idcf().credentials.secretKey);
  });

  it('draws the new account’s charts from its snapshot and history', async () => {
    await settled(harness);
    const view = page.getByTestId('account-view');
    await eventually(() => view.getByTestId('chart-progress').isVisible()).toBe(true);
    const snapshot = harness.services.usage
      .state()
      .accounts.find((a) => a.accountId === 'idcf-tokyo')!;
    expect(snapshot.status.state).toBe('ok');
    const lead = primaryLine(snapshot)!;
    expect(lead.meter.id).toBe('transfer-total:jp-east-2');
    expect(await view.getByTestId('figure-used').textContent()).toBe(
      `${fmt.amount(lead.used, 'bytes')} of ${formatLimit(lead, fmt)}`,
    );
    await eventually(() => view.getByTestId('history').getAttribute('data-state')).toBe('painted');
    for (const id of ['chart-daily', 'chart-progress', 'chart-history']) {
      expect(await paintedPixels(page, id), id).toBeGreaterThan(2000);
    }
    // The table alternative holds the same daily figures as the bars.
    await view.getByTestId('chart-daily').getByText('Show the data as a table').click();
    const lastDay = lead.daily.at(-1)!;
    expect(await view.getByTestId('chart-daily').locator('table').textContent()).toContain(
      fmt.amount(lastDay.value, 'bytes'),
    );
    // An earlier period from the picker.
    const periods = await harness.handlers['usage:periods']('idcf-tokyo');
    expect(periods.length).toBeGreaterThan(1);
    await view.getByTestId('period-picker').selectOption(String(periods[1]!.start));
    const october = await harness.handlers['usage:period']({
      accountId: 'idcf-tokyo',
      at: periods[1]!.start,
    });
    const octoberLine = october.meters.find((m) => m.meter.id === lead.meter.id)!;
    await expect
      .poll(() => view.getByTestId('figure-used').textContent())
      .toBe(`${fmt.amount(octoberLine.used, 'bytes')} of ${formatLimit(octoberLine, fmt)}`);
  });

  it('compares regions side by side where there is headroom', async () => {
    await page.getByRole('link', { name: 'Headroom' }).click();
    const groups = headroomGroups(harness.services.usage.state().accounts);
    const idcfGroup = groups.find((g) => g.accountId === 'idcf-tokyo')!;
    expect(idcfGroup.rows.map((r) => r.line.meter.scope.id)).toEqual(['jp-west', 'jp-east-2']);
    // The group of this account (others, such as Memset's services, may come first).
    const group = page.getByTestId('headroom-group').filter({ hasText: idcfGroup.accountLabel });
    const best = group.getByTestId('headroom-best');
    await eventually(() => best.textContent()).toContain(idcfGroup.best!.name);
    expect(await best.textContent()).toContain(
      fmt.amount(idcfGroup.best!.remainingAtEnd!, 'bytes'),
    );
  });

  it('changes a threshold, saves it to the config, and the line’s level follows', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByTestId('account-alerts');
    await section.getByTestId('alerts-account-picker').selectOption('idcf-tokyo');
    await eventually(() => page.url()).toMatch(/#\/settings\/idcf-tokyo$/);
    await section.getByRole('spinbutton', { name: 'Warning at', exact: true }).fill('50');
    await section.getByRole('spinbutton', { name: 'Critical at', exact: true }).fill('90');
    await section.getByRole('button', { name: 'Save account alerts' }).click();
    await eventually(() => announcement().textContent()).toContain(
      'Alerts for IDCF Tokyo were saved.',
    );
    const saved = (await configOnDisk()).accounts.find((a) => a.id === 'idcf-tokyo')!;
    expect(saved.alerts?.thresholds).toEqual({ warningPercent: 50, criticalPercent: 90 });

    await page.getByRole('link', { name: 'Overview' }).click();
    const gauge = page.getByTestId('card-idcf-tokyo').locator('.gauge');
    await eventually(() => gauge.getAttribute('class')).toContain('level-warning');
  });

  it('snoozes an account and says until when, from the core’s state', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByTestId('account-alerts');
    await section.getByTestId('alerts-account-picker').selectOption('idcf-tokyo');
    await section.getByRole('button', { name: 'For a day' }).click();
    await eventually(() => harness.services.usage.state().snoozedUntil['idcf-tokyo']).toBeDefined();
    const snoozed = harness.services.usage.state().snoozedUntil['idcf-tokyo']!;
    await eventually(() => section.getByTestId('snoozed-until').textContent()).toContain(
      fmt.dateTime(snoozed),
    );
    await section.getByRole('button', { name: 'Stop snoozing' }).click();
    await eventually(() => section.getByTestId('snoozed-until').count()).toBe(0);
    expect(harness.services.usage.state().snoozedUntil).toEqual({});
  });

  it('exports the history as CSV into the file main chose', async () => {
    await page.getByRole('button', { name: 'CSV' }).click();
    await eventually(() => announcement().textContent()).toMatch(
      /^Saved [\d,]+ rows to cloudmeter-usage-2026-11-21\.csv\./,
    );
    const rows = Number(
      /Saved ([\d,]+) rows/.exec((await announcement().textContent())!)![1]!.replace(/,/g, ''),
    );
    const csv = await readFile(join(harness.dir, 'cloudmeter-usage-2026-11-21.csv'), 'utf8');
    expect(rows).toBeGreaterThan(100);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows + 1);
  });

  it('follows main when it asks to show an account', async () => {
    win.bridge.navigate({ view: 'account', accountId: 'memset' });
    await eventually(() => page.url()).toMatch(/#\/account\/memset$/);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Memset',
    );
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
    expect(asOf).toBe('2026/11/21 12:00');
    expect(await page.locator('main').textContent()).toContain(`${asOf} 時点`);
    expect(await page.getByTestId('card-idcf-tokyo').textContent()).toContain('1 日あたりの目安');
    expect(await page.getByRole('navigation').textContent()).toContain('アカウント');
  });

  it('logged no console error, no page error and no CSP violation', () => {
    expect(win.bridge.problems).toEqual({
      consoleErrors: [],
      cspViolations: [],
      pageErrors: [],
    });
  });
});

/** How many pixels of a figure's canvas chart.js has painted. */
function paintedPixels(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .first()
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted;
    });
}
