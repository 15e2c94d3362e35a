import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src-main/app/create-app.ts';
import { runAppLifecycle, startFailureMessage } from '../../src-main/shell/app-lifecycle.ts';
import { startShell, type RunningShell } from '../../src-main/shell/start-shell.ts';
import { BrowserWindow, app, dialog, resetElectronFake } from '../fakes/electron.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A shell that records what it is asked, started when the test says so. */
function scriptedShell() {
  const relaunches: (readonly string[])[] = [];
  let closed = 0;
  let finish!: (shell: RunningShell) => void;
  const started = new Promise<RunningShell>((resolve) => (finish = resolve));
  const shell: RunningShell = {
    relaunched: (argv) => void relaunches.push(argv),
    close: () => {
      closed++;
      return Promise.resolve();
    },
  };
  return {
    start: () => started,
    finishStarting: () => finish(shell),
    relaunches,
    closed: () => closed,
  };
}

/** A second start of the app hands its command line over (`second-instance`). */
const launchAgain = (argv: string[]) => app.emit('second-instance', {}, argv, '/');

describe('the app lifecycle', () => {
  beforeEach(() => resetElectronFake());

  it('leaves at once when another Cloudmeter holds the single-instance lock', async () => {
    app.singleInstance = false;
    let started = false;
    await runAppLifecycle({
      platform: 'linux',
      start: () => ((started = true), new Promise(() => {})),
    });
    expect(app.quitCalled).toBe(true);
    expect(started).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps a second start that comes during start-up, with its arguments, until the shell runs', async () => {
    const shell = scriptedShell();
    const running = runAppLifecycle({ platform: 'linux', start: shell.start });
    launchAgain(['cloudmeter']);
    launchAgain(['cloudmeter', '--hidden']);
    expect(shell.relaunches).toEqual([]);
    shell.finishStarting();
    await running;
    expect(shell.relaunches).toEqual([['cloudmeter'], ['cloudmeter', '--hidden']]);
    launchAgain(['cloudmeter']);
    expect(shell.relaunches).toHaveLength(3);
  });

  it('on macOS takes `activate` (the app opened again from Finder or Spotlight) as a second start', async () => {
    const shell = scriptedShell();
    shell.finishStarting();
    await runAppLifecycle({ platform: 'darwin', start: shell.start });
    app.emit('activate', {}, false);
    expect(shell.relaunches).toEqual([[]]);
  });

  it('closes the services before quitting, once', async () => {
    const shell = scriptedShell();
    shell.finishStarting();
    await runAppLifecycle({ platform: 'linux', start: shell.start });
    let prevented = 0;
    const quitEvent = { preventDefault: () => void prevented++ };
    app.emit('before-quit', quitEvent);
    expect(prevented).toBe(1);
    expect(shell.closed()).toBe(1);
    await vi.waitFor(() => expect(app.quitCalled).toBe(true));
    app.emit('before-quit', quitEvent); // the quit it then asks for goes through
    expect(prevented).toBe(1);
  });

  it('says why it cannot start, and exits instead of staying as a hidden process', async () => {
    await runAppLifecycle({
      platform: 'linux',
      start: () => Promise.reject(new Error('history.db: disk I/O error')),
    });
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]!.title).toBe('Cloudmeter could not start');
    expect(dialog.errorBoxes[0]!.content).toContain('history.db: disk I/O error');
    expect(dialog.errorBoxes[0]!.content).toContain('Cloudmeter will quit');
    expect(app.exitCode).toBe(1);
  });

  it('keeps credentials out of the error it shows', () => {
    const message = startFailureMessage(
      new Error('request failed: Authorization: Bearer sk_live_0123456789abcdef'),
    );
    expect(message).not.toContain('sk_live_0123456789abcdef');
    expect(message).toContain('request failed');
  });
});

describe('the app lifecycle around the real shell', () => {
  beforeEach(() => resetElectronFake());

  function shellOptions(home: string, argv: string[]) {
    return {
      platform: 'linux' as const,
      argv,
      env: {
        CLOUDMETER_CONFIG: join(home, 'config.json'),
        CLOUDMETER_DATA_DIR: join(home, 'data'),
      },
      homedir: home,
      execPath: '/opt/Cloudmeter/cloudmeter',
      preloadPath: '/app/out/preload/index.cjs',
      rendererDir: '/app/out/renderer',
      createApp,
    };
  }

  it('opens the window for a second start that came while the first was starting hidden', async () => {
    const options = shellOptions(await tempDir(), ['cloudmeter', '--hidden']);
    let shell: RunningShell | null = null;
    const running = runAppLifecycle({
      platform: 'linux',
      start: async () => (shell = await startShell(options)),
    });
    launchAgain(['cloudmeter']); // before Electron is even ready
    await running;
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    await shell!.close();
  });

  it('shows the services’ start-up failure and exits', async () => {
    const home = await tempDir();
    writeFileSync(join(home, 'data'), 'a file where the data folder should be');
    await runAppLifecycle({
      platform: 'linux',
      start: () => startShell(shellOptions(home, [])),
    });
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]!.content).toContain(join(home, 'data'));
    expect(app.exitCode).toBe(1);
  });
});
