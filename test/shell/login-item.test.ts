import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStartAtLogin } from '../../src-main/shell/login-item.ts';
import { app, resetElectronFake } from '../fakes/electron.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('start at login', () => {
  beforeEach(() => resetElectronFake());

  it.each(['darwin', 'win32'] as const)(
    'uses the system login items on %s, starting hidden',
    async (platform) => {
      await applyStartAtLogin(app, true, {
        platform,
        env: {},
        homedir: '/h',
        execPath: '/Applications/Cloudmeter',
      });
      expect(app.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    },
  );

  it('writes an XDG autostart entry on Linux, for the AppImage when run from one', async () => {
    const config = await tempDir();
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: '/home/u/Apps/Cloudmeter.AppImage' };
    await applyStartAtLogin(app, true, {
      platform: 'linux',
      env,
      homedir: '/h',
      execPath: '/tmp/.mount_x/cloudmeter',
    });
    const entry = await readFile(join(config, 'autostart', 'cloudmeter.desktop'), 'utf8');
    expect(entry).toContain('Exec=/home/u/Apps/Cloudmeter.AppImage --hidden');
    await applyStartAtLogin(app, false, {
      platform: 'linux',
      env,
      homedir: '/h',
      execPath: '/x',
    });
    await expect(readFile(join(config, 'autostart', 'cloudmeter.desktop'), 'utf8')).rejects.toThrow(
      /ENOENT/,
    );
    expect(app.loginItems).toEqual([]);
  });
});
