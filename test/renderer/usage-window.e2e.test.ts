import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFormatters } from '../../src-renderer/format/formatters.ts';
import { formatUsed, lineAmounts } from '../../src-renderer/format/limit.ts';
import { formatRange } from '../../src-renderer/format/range.ts';
import { FALLBACK_LANGUAGE } from '../../src-renderer/i18n/languages/index.ts';
import { createTranslator } from '../../src-renderer/i18n/translate.ts';
import { headroomGroups } from '../../src-renderer/model/headroom.ts';
import { primaryLine } from '../../src-renderer/model/lines.ts';
import type { Config } from '../../src-shared/domain/config.ts';
import { tomorrowMorning } from '../../src-shared/domain/pause-until.ts';
import { startAppHarness, type AppHarness } from '../support/app-harness.ts';
import { describeInBrowser } from './support/describe-in-browser.ts';
import {
  chartIdentity,
  nextFrames,
  paintedPixels,
  pixelsOfThemeColour,
} from './support/page-probes.ts';
import { settled, startRendererSite, type RendererSite } from './support/window-session.ts';

// One window, used in order: each test continues from where the previous one left the app.
describeInBrowser('the usage window in Chromium, over the real core', () => {
  let site: RendererSite;
  let harness: AppHarness;
  let win: Awaited<ReturnType<RendererSite['open']>>;
  let page: Page;
  const fmt = createFormatters('en-US', 'si');
  const t = createTranslator(FALLBACK_LANGUAGE, FALLBACK_LANGUAGE);

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
  const view = () => page.getByTestId('account-view');
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
      expect(await card.getByTestId('figure-used').textContent()).toBe(formatUsed(lead, fmt, t));
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
    // In the unit of the quota ("1,812 GB of 3,240 GB"), not each in its own.
    expect(lead.quota?.unit).toBe('GB');
    expect(await view.getByTestId('figure-used').textContent()).toBe(formatUsed(lead, fmt, t));
    expect(await view.getByTestId('figure-used').textContent()).toMatch(/^[\d,.]+ GB of 3,240 GB$/);
    await eventually(() => view.getByTestId('history').getAttribute('data-state')).toBe('painted');
    for (const id of ['chart-daily', 'chart-progress', 'chart-history']) {
      expect(await paintedPixels(page, id), id).toBeGreaterThan(2000);
    }
    // Amounts of data and of money each have a history chart, told apart by their unit.
    const history = view.getByTestId('chart-history');
    const historyLabels = await history
      .locator('canvas')
      .evaluateAll((canvases) => canvases.map((canvas) => canvas.ariaLabel));
    expect(historyLabels.sort()).toEqual(['Usage per day (Japanese Yen)', 'Usage per day (bytes)']);
    // Every forecast in the table of lines is its range, the low end too.
    for (const line of snapshot.meters.filter((l) => l.forecast)) {
      const row = view.locator('.lines-table tbody tr').filter({ hasText: line.meter.label });
      expect(await row.first().locator('td').last().textContent(), line.meter.id).toBe(
        formatRange(line.forecast!.low, line.forecast!.high, lineAmounts(line, fmt), t),
      );
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
      .toBe(formatUsed(octoberLine, fmt, t));
  });

  it('redraws the charts in the new colours when the OS switches to dark while they show', async () => {
    await view().getByTestId('period-picker').selectOption('current');
    const used = () => pixelsOfThemeColour(page, 'chart-daily', '--chart-used');
    await eventually(used).toBeGreaterThan(200);
    const light = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--chart-used'),
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await nextFrames(page);
    const dark = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--chart-used'),
    );
    expect(dark).not.toBe(light);
    // The bars are in the dark theme's colour (read now, from the dark theme's variables).
    expect(await used()).toBeGreaterThan(200);
    await page.emulateMedia({ colorScheme: 'light' });
    await eventually(() => page.locator('html').getAttribute('data-theme')).toBe('light');
  });

  it('updates its period charts in place when new usage arrives, without rebuilding them', async () => {
    const progress = await chartIdentity(page, 'chart-progress');
    const daily = await chartIdentity(page, 'chart-daily');
    await page.evaluate(() => {
      const host = window as unknown as Record<string, unknown> & {
        cloudmeter: { on(event: string, listener: () => void): void };
      };
      host.__usageEvents = 0;
      host.cloudmeter.on(
        'usage:changed',
        () => (host.__usageEvents = Number(host.__usageEvents) + 1),
      );
    });
    // Any change sends the whole usage state again: every line a new object, the same figures.
    await harness.handlers['alerts:snooze']('memset', harness.clock.now() + 3_600_000);
    await harness.handlers['alerts:snooze']('memset', null);
    await eventually(() =>
      page.evaluate(() => (window as unknown as { __usageEvents: number }).__usageEvents),
    ).toBeGreaterThan(0);
    await nextFrames(page);
    expect(await progress.same()).toBe(true);
    expect(await daily.same()).toBe(true);
    expect(await paintedPixels(page, 'chart-progress')).toBeGreaterThan(2000);
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
    // In the allowance's unit, as the table has it.
    expect(await best.textContent()).toContain(
      lineAmounts(idcfGroup.best!.line, fmt)(idcfGroup.best!.remainingAtEnd!),
    );
    // Memset's services without an allowance are listed apart, not charted or tabled.
    const memsetGroup = groups.find((g) => g.accountId === 'memset')!;
    expect(memsetGroup.unmetered.length).toBeGreaterThan(0);
    const memset = page.getByTestId('headroom-group').filter({ hasText: memsetGroup.accountLabel });
    expect(await memset.locator('tbody tr').count()).toBe(memsetGroup.rows.length);
    for (const row of memsetGroup.unmetered)
      expect(await memset.getByTestId('headroom-unmetered').textContent()).toContain(row.name);
    // A range whose ends read the same is one amount ("0 B", not "0 B – 0 B").
    const cells = await page.locator('[data-testid=headroom-group] td').allTextContents();
    expect(cells.filter((cell) => /^(.+) – \1$/.test(cell))).toEqual([]);
  });

  it('changes a threshold, saves it to the config, and the line’s level follows', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByTestId('account-alerts');
    await section.getByTestId('alerts-account-picker').selectOption('idcf-tokyo');
    await eventually(() => page.url()).toMatch(/#\/settings\/idcf-tokyo$/);
    // The window scrolls to the account's section: its heading and picker below the header.
    await eventually(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await nextFrames(page);
    const header = (await page.locator('.app-header').boundingBox())!;
    for (const shown of [
      page.locator('#account-alerts-title'),
      section.getByTestId('alerts-account-picker'),
    ]) {
      const box = (await shown.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect(box.y + box.height).toBeLessThanOrEqual(860);
    }
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
    // The card's other lines: labels cut off with an ellipsis say all on hover.
    const others = await page.getByTestId('card-idcf-tokyo').locator('.more-label').all();
    expect(others.length).toBeGreaterThan(0);
    for (const label of others)
      expect(await label.getAttribute('title')).toBe(await label.textContent());
  });

  it('saves the alerts every account inherits, and says what is wrong in words', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Figures are stale after (hours)').fill('8');
    await page.getByRole('button', { name: 'Save alerts', exact: true }).click();
    await eventually(async () => (await configOnDisk()).alerts.staleAfterHours).toBe(8);
    expect(await page.locator('.field-problem').count()).toBe(0);
    // Quiet hours on, but no start time: the problem in words, nothing saved.
    await page.getByLabel('Hold notifications during these hours').check();
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save alerts', exact: true }).click();
    await eventually(() => page.locator('.field-problem').textContent()).toBe(
      'Quiet hours need a start and an end time.',
    );
    expect((await configOnDisk()).alerts.quietHours).toBeUndefined();
    await page.getByLabel('Hold notifications during these hours').uncheck();
  });

  it('snoozes an account and says until when, from the core’s state', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByTestId('account-alerts');
    await section.getByTestId('alerts-account-picker').selectOption('idcf-tokyo');
    const stop = section.getByRole('button', { name: 'Stop snoozing' });
    expect(await stop.count()).toBe(0);
    await section.getByRole('button', { name: 'For a day' }).click();
    await eventually(() => harness.services.usage.state().snoozedUntil['idcf-tokyo']).toBeDefined();
    const snoozed = harness.services.usage.state().snoozedUntil['idcf-tokyo']!;
    await eventually(() => section.getByTestId('snoozed-until').textContent()).toContain(
      fmt.dateTime(snoozed),
    );
    await stop.click();
    await eventually(() => section.getByTestId('snoozed-until').count()).toBe(0);
    expect(harness.services.usage.state().snoozedUntil).toEqual({});
    expect(await stop.count()).toBe(0);
  });

  it('pauses notifications until 08:00 tomorrow, as the tray menu does', async () => {
    const now = harness.services.usage.state().generatedAt;
    await page.getByRole('button', { name: 'Pause until tomorrow' }).click();
    // The page runs in UTC (PAGE_OPTIONS): 08:00 UTC the next day.
    const until = tomorrowMorning(now, 'UTC');
    expect(new Date(until).toISOString()).toBe('2026-11-22T08:00:00.000Z');
    await eventually(() => harness.services.usage.state().notificationsPausedUntil).toBe(until);
    await page.getByRole('button', { name: 'Resume' }).click();
    await eventually(() => harness.services.usage.state().notificationsPausedUntil).toBeNull();
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

  it('says a failed export at once, as an alert, until dismissed', async () => {
    harness.exports.nextPath = join(harness.dir, 'no such folder', 'usage.csv');
    try {
      await page.getByRole('button', { name: 'CSV' }).click();
      const alert = page.getByRole('alert').getByTestId('announcement');
      await eventually(() => alert.textContent()).toContain('Something went wrong.');
      expect(await page.getByRole('status').getByTestId('announcement').count()).toBe(0);
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await eventually(() => announcement().count()).toBe(0);
    } finally {
      harness.exports.nextPath = undefined;
    }
  });

  it('follows main when it asks to show an account', async () => {
    win.bridge.navigate({ view: 'account', accountId: 'memset' });
    await eventually(() => page.url()).toMatch(/#\/account\/memset$/);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Memset',
    );
  });

  it('says when the provider allows the next read, for a refresh it cannot make yet', async () => {
    // Memset was read a moment ago: its provider allows one read every 5 minutes.
    await view().getByRole('button', { name: 'Refresh', exact: true }).click();
    const [later] = harness.services.usage.requestRefresh('memset').runs;
    const time = fmt.dateTime(later!.at);
    const name = harness.services.config.current.accounts.find((a) => a.id === 'memset')!.label;
    await eventually(() => announcement().textContent()).toContain(
      t('account.refreshLater', { name, time }),
    );
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
