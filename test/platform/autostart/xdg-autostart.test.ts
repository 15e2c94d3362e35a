import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartEntry,
  autostartFile,
  isXdgAutostartEnabled,
  setXdgAutostart,
} from '../../../src-main/platform/autostart/xdg-autostart.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('XDG autostart', () => {
  it('files the entry under XDG_CONFIG_HOME/autostart', () => {
    expect(autostartFile({}, '/home/u')).toBe('/home/u/.config/autostart/cloudmeter.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe(
      '/cfg/autostart/cloudmeter.desktop',
    );
  });

  it('quotes an executable path with spaces and shell characters', () => {
    const entry = autostartEntry('/opt/My Apps/Cloud$meter', ['--hidden']);
    expect(entry).toContain('Exec="/opt/My Apps/Cloud\\$meter" --hidden\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });

  it('turns start-at-login on and off', async () => {
    const file = join(await tempDir(), 'autostart', 'cloudmeter.desktop');
    expect(await isXdgAutostartEnabled(file)).toBe(false);
    await setXdgAutostart(file, true, '/usr/bin/cloudmeter', ['--hidden']);
    expect(await isXdgAutostartEnabled(file)).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('Exec=/usr/bin/cloudmeter --hidden');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    await setXdgAutostart(file, false, '/usr/bin/cloudmeter');
    expect(await isXdgAutostartEnabled(file)).toBe(false);
  });

  it('treats an entry the desktop disabled as off', async () => {
    const dir = join(await tempDir(), 'autostart');
    await mkdir(dir);
    await writeFile(join(dir, 'cloudmeter.desktop'), `${autostartEntry('/x')}Hidden=true\n`);
    expect(await isXdgAutostartEnabled(join(dir, 'cloudmeter.desktop'))).toBe(false);
  });
});
