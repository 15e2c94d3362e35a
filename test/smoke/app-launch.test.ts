// The real app, launched with Playwright's Electron driver: the tray comes up, the usage
// window opens on the app's own page and shows the demo account, and the app keeps running in
// the tray when the window is closed. It needs an Electron binary (downloaded from outside
// the npm registry, so not on machines without internet) and, on Linux, a display (xvfb-run).
// CI runs it twice (.github/workflows/ci.yml): on a fresh build, and on the packed app after
// `npm run dist` with CLOUDMETER_SMOKE_EXECUTABLE pointing at its executable.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src-main/core/accounts.ts';
import { ROOT, buildApp, scratchDir } from '../packaging/build-app.ts';

/**
 * What the main process exposes when CLOUDMETER_E2E=1, for tests to observe what no window
 * shows. (Electron offers no way to list trays from outside.)
 */
interface E2eHook {
  /** The tray's current tooltip; the hook exists only once the tray has been created. */
  trayTooltip(): string;
}

/** The Electron binary, if it has been downloaded; never triggers the download itself. */
function installedElectron(): string | null {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const executable = join(base, relative);
  return existsSync(executable) ? executable : null;
}

const packagedApp = process.env.CLOUDMETER_SMOKE_EXECUTABLE || null;
const electron = packagedApp ?? installedElectron();
const skipReason = !electron
  ? 'no Electron binary: node_modules/electron downloads it on first use, which needs the internet (run `npx install-electron`, or set CLOUDMETER_SMOKE_EXECUTABLE to a packed app)'
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display: run it under `xvfb-run -a`'
    : null;
if (skipReason && process.env.CLOUDMETER_SMOKE_REQUIRED === '1')
  throw new Error(`the smoke test cannot run (CLOUDMETER_SMOKE_REQUIRED=1): ${skipReason}`);
if (skipReason) console.warn(`test/smoke skipped: ${skipReason}`);

/** The first read of the demo account and the window's first paint, on a slow CI machine. */
const SLOW = 60_000;

describe.skipIf(skipReason !== null)('Cloudmeter launched for real', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let app: ElectronApplication;
  let window: Page;

  beforeAll(async () => {
    scratch = await scratchDir('smoke-');
    const args: string[] = [];
    if (!packagedApp) {
      // A fresh build of its own, beside a copy of package.json (main, type: module); the
      // runtime dependencies resolve from the project's node_modules above it.
      const project = join(scratch.path, 'app');
      mkdirSync(project, { recursive: true });
      copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
      await buildApp(join(project, 'out'));
      args.push(project);
    }
    const home = join(scratch.path, 'home');
    app = await _electron.launch({
      executablePath: electron!,
      args,
      env: {
        ...process.env,
        CLOUDMETER_E2E: '1',
        // No config file: the app shows the demo account. Nothing of the user's is touched.
        CLOUDMETER_CONFIG: join(home, 'config.json'),
        CLOUDMETER_DATA_DIR: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'xdg-config'),
        XDG_DATA_HOME: join(home, 'xdg-data'),
      },
      timeout: 60_000,
    });
    window = await app.firstWindow({ timeout: 30_000 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await scratch?.remove();
  }, SLOW);

  it(
    'opens the usage window on the app’s own page, showing the demo account',
    async () => {
      await window.waitForLoadState('domcontentloaded');
      expect(window.url()).toMatch(/^cloudmeter:\/\/app\//);
      await expect
        .poll(() => window.getByText(DEMO_ACCOUNT.label).count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'creates the tray, whose tooltip names the demo account once it has been read',
    async () => {
      const tooltip = () =>
        app.evaluate(
          () => (globalThis as { cloudmeterE2E?: E2eHook }).cloudmeterE2E?.trayTooltip() ?? null,
        );
      await expect.poll(tooltip, { timeout: 30_000 }).toContain(DEMO_ACCOUNT.label);
    },
    SLOW,
  );

  it(
    'keeps running in the tray after the window is closed, with no window left',
    async () => {
      await window.close();
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
        .toBe(0);
      expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
    },
    SLOW,
  );
});
