import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MenuAction } from '../../src-main/core/tray/menu-model.ts';
import { TrayIcoFiles } from '../../src-main/platform/icons/tray-ico-files.ts';
import { TrayIconCache } from '../../src-main/platform/icons/tray-icon-cache.ts';
import { TrayController } from '../../src-main/shell/tray.ts';
import type { UsageState } from '../../src-shared/ipc/contract.ts';
import type { AccountSnapshot } from '../../src-shared/domain/usage.ts';
import { trayIconState } from '../../src-main/core/tray/tray-state.ts';
import {
  Tray,
  nativeTheme,
  resetElectronFake,
  systemPreferences,
  type FakeNativeImage,
} from '../fakes/electron.ts';
import { tempDir } from '../support/temp-dir.ts';

const NOW = Date.parse('2026-11-21T12:00:00Z');

function account(id: string, percent: number): AccountSnapshot {
  return {
    accountId: id,
    provider: 'idcf',
    label: `Account ${id}`,
    demo: false,
    status: { state: 'ok' },
    fetchedAt: NOW,
    dataAsOf: NOW,
    notices: [],
    meters: [
      {
        meter: {
          id: 'm',
          label: 'transfer',
          kind: 'transfer-total',
          unit: 'bytes',
          scope: { level: 'account', id: '' },
          series: 'delta',
          resolution: 'day',
          timeZone: 'UTC',
        },
        memberMeterIds: ['m'],
        period: {
          start: Date.parse('2026-11-01T00:00:00Z'),
          end: Date.parse('2026-12-01T00:00:00Z'),
          timeZone: 'UTC',
        },
        used: percent * 1e9,
        peak: null,
        quota: { limit: 100e9, source: 'user', quotaId: 'q' },
        percentUsed: percent,
        remaining: (100 - percent) * 1e9,
        level:
          percent >= 100
            ? 'exceeded'
            : percent >= 95
              ? 'critical'
              : percent >= 80
                ? 'warning'
                : 'ok',
        forecast: null,
        dailyBudget: null,
        daily: [],
      },
    ],
  };
}

function setup(
  platform: NodeJS.Platform,
  accounts: AccountSnapshot[],
  icoDir: string | null = null,
) {
  let state: UsageState = {
    accounts,
    generatedAt: NOW,
    notificationsPausedUntil: null,
    snoozedUntil: {},
  };
  const actions: MenuAction[] = [];
  const cache = new TrayIconCache();
  const icoFiles = icoDir === null ? null : new TrayIcoFiles(cache, icoDir);
  const controller = new TrayController({
    platform,
    cache,
    icoFiles,
    now: () => NOW,
    timeZone: 'UTC',
    locale: 'en-GB',
    state: () => state,
    settings: () => ({ units: 'si', startAtLogin: false }),
    onAction: (a) => actions.push(a),
  });
  const tray = Tray.all.at(-1)!;
  return {
    controller,
    tray,
    actions,
    cache,
    setState: (next: AccountSnapshot[]) => (state = { ...state, accounts: next }),
  };
}

type MenuItems = { label?: string; click?: () => void; submenu?: MenuItems }[];

describe('the tray', () => {
  beforeEach(() => resetElectronFake());

  it('shows the fullest account: icon, tooltip and, on macOS, the percent as a monospaced title', () => {
    const { tray, controller } = setup('darwin', [account('a', 40), account('b', 86)]);
    expect(tray.title).toBe('86%');
    expect(tray.titleOptions).toEqual({ fontType: 'monospacedDigit' });
    expect(tray.tooltip.split('\n')[0]).toBe('Account b: 86% of transfer');
    const image = tray.image as FakeNativeImage;
    expect(image.buffers.map((b) => b.scaleFactor)).toEqual([1, 2]);
    expect(image.template).toBe(false); // amber: colour, not a template
    controller.dispose();
    expect(tray.destroyed).toBe(true);
  });

  it('renders the icon again only when what it shows changes', () => {
    const { tray, controller, setState } = setup('linux', [account('a', 50)]);
    const first = tray.image;
    controller.render();
    expect(tray.image).toBe(first);
    setState([account('a', 97)]);
    controller.render();
    expect(tray.image).not.toBe(first);
  });

  it('keeps the Windows tooltip within 127 characters', () => {
    const { tray } = setup(
      'win32',
      Array.from({ length: 8 }, (_, i) => account(`account-with-a-long-name-${i}`, 50 + i)),
    );
    expect(tray.tooltip.length).toBeLessThanOrEqual(127);
    expect(tray.title).toBe('');
  });

  it('builds the menu from the state and runs the chosen action', () => {
    const { tray, actions } = setup('linux', [account('a', 40)]);
    const items = tray.menu!.items as MenuItems;
    expect(items.map((i) => i.label)).toContain('Refresh now');
    items.find((i) => i.label === 'Account a — 40% of transfer')!.click!();
    items
      .find((i) => i.label === 'Pause notifications')!
      .submenu!.find((i) => i.label === 'For 1 hour')!.click!();
    items.find((i) => i.label === 'Quit Cloudmeter')!.click!();
    expect(actions).toEqual([
      { kind: 'open-account', accountId: 'a' },
      { kind: 'pause', until: NOW + 3_600_000 },
      { kind: 'quit' },
    ]);
    tray.emit('click');
    expect(actions.at(-1)).toEqual({ kind: 'open-window' });
  });

  it('puts a banner first in the tooltip and the menu when asked', () => {
    const { tray, controller } = setup('linux', [account('a', 40)]);
    controller.setBanner('⚠ Account a: 91 % used');
    expect(tray.tooltip.startsWith('⚠ Account a: 91 % used\n')).toBe(true);
    expect((tray.menu!.items as MenuItems)[0]!.label).toBe('⚠ Account a: 91 % used');
  });

  it('gives Windows an .ico file, written once per look, so that it is sharp at every scale', async () => {
    const dir = join(await tempDir(), 'tray-icons');
    nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true; // a dark taskbar
    const { tray, controller, setState, cache } = setup('win32', [account('a', 50)], dir);
    const first = tray.image as FakeNativeImage;
    expect(first.path).not.toBeNull();
    expect(readdirSync(dir)).toEqual([basename(first.path!)]);
    expect(
      readFileSync(first.path!).equals(cache.ico(trayIconState([account('a', 50)]), 'on-dark')),
    ).toBe(true);
    expect(first.buffers).toEqual([]); // no 1x bitmap for Electron to make a blurry HICON from

    controller.render();
    expect(tray.image).toBe(first);
    setState([account('a', 97)]);
    controller.render();
    const second = tray.image as FakeNativeImage;
    expect(second.path).not.toBe(first.path);
    setState([account('a', 50)]);
    controller.render();
    expect((tray.image as FakeNativeImage).path).toBe(first.path);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('on macOS colours the icon for the menu bar’s appearance, not the app’s forced theme', () => {
    nativeTheme.themeSource = 'light';
    nativeTheme.shouldUseDarkColors = false; // follows the app's forced light theme
    systemPreferences.userDefaults.set('AppleInterfaceStyle', 'Dark');
    const { tray, cache, setState } = setup('darwin', [account('a', 86)]);
    const pngs = (image: unknown) => (image as FakeNativeImage).buffers.map((b) => b.buffer);
    const drawn = (percent: number, darkPanel: boolean) =>
      cache
        .image(trayIconState([account('a', percent)]), { platform: 'darwin', darkPanel })
        .representations.map((r) => r.png);
    expect(pngs(tray.image)).toEqual(drawn(86, true));
    expect(pngs(tray.image)).not.toEqual(drawn(86, false));

    // The user switches the system to light: macOS posts a notification, the icon follows.
    systemPreferences.userDefaults.delete('AppleInterfaceStyle');
    systemPreferences.post('AppleInterfaceThemeChangedNotification');
    expect(pngs(tray.image)).toEqual(drawn(86, false));

    // Below the thresholds it is the template image, which macOS tints itself.
    setState([account('a', 40)]);
    systemPreferences.post('AppleInterfaceThemeChangedNotification');
    expect((tray.image as FakeNativeImage).template).toBe(true);
  });
});
