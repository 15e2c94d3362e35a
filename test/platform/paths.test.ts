import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src-main/platform/paths.ts';

describe('app paths', () => {
  it('follows XDG folders on Linux', () => {
    expect(resolvePaths({ platform: 'linux', env: {}, homedir: '/home/u' })).toEqual({
      configFile: '/home/u/.config/cloudmeter/config.json',
      dataDir: '/home/u/.local/share/cloudmeter',
    });
    expect(
      resolvePaths({
        platform: 'linux',
        env: { XDG_CONFIG_HOME: '/x', XDG_DATA_HOME: '/y' },
        homedir: '/home/u',
      }),
    ).toEqual({
      configFile: '/x/cloudmeter/config.json',
      dataDir: '/y/cloudmeter',
    });
  });

  it('uses Application Support on macOS and APPDATA/LOCALAPPDATA on Windows', () => {
    expect(resolvePaths({ platform: 'darwin', env: {}, homedir: '/Users/u' }).configFile).toBe(
      '/Users/u/Library/Application Support/Cloudmeter/config.json',
    );
    const win = resolvePaths({
      platform: 'win32',
      env: { APPDATA: 'C:/R', LOCALAPPDATA: 'C:/L' },
      homedir: 'C:/u',
    });
    expect(win.configFile.replaceAll('\\', '/')).toBe('C:/R/Cloudmeter/config.json');
    expect(win.dataDir.replaceAll('\\', '/')).toBe('C:/L/Cloudmeter');
  });

  it('lets the flag win over the environment variable over the default', () => {
    const env = { CLOUDMETER_CONFIG: '/env/c.json', CLOUDMETER_DATA_DIR: '/env/data' };
    expect(resolvePaths({ platform: 'linux', env, homedir: '/h' })).toEqual({
      configFile: '/env/c.json',
      dataDir: '/env/data',
    });
    expect(
      resolvePaths({
        platform: 'linux',
        env,
        homedir: '/h',
        configFlag: '/flag.json',
        dataDirFlag: '/flagdata',
      }),
    ).toEqual({
      configFile: '/flag.json',
      dataDir: '/flagdata',
    });
  });
});
