import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrayIconState } from '../../../src-main/core/tray/tray-state.ts';
import { TrayIcoFiles } from '../../../src-main/platform/icons/tray-ico-files.ts';
import { TrayIconCache } from '../../../src-main/platform/icons/tray-icon-cache.ts';
import { parseIco } from '../../packaging/icon-containers.ts';
import { tempDir } from '../../support/temp-dir.ts';

const at = (percent: number): TrayIconState => ({
  kind: 'usage',
  percent,
  tone: 'normal',
  attention: 'none',
});

describe('the Windows tray icon files', () => {
  it('writes each look once, as the cache’s .ico, and gives the same file for the same look', async () => {
    const dir = join(await tempDir(), 'tray-icons');
    const cache = new TrayIconCache();
    const files = new TrayIcoFiles(cache, dir);
    const file = files.path(at(61.2), 'on-light');
    expect(readFileSync(file).equals(cache.ico(at(61.2), 'on-light'))).toBe(true);
    expect(parseIco(readFileSync(file)).map((e) => e.width)).toContain(64);

    // Marked, to show that asking again does not write again.
    writeFileSync(file, 'written before');
    expect(files.path(at(61.3), 'on-light')).toBe(file); // looks the same at every size
    expect(readFileSync(file, 'utf8')).toBe('written before');

    const other = files.path(at(61.2), 'on-dark');
    expect(other).not.toBe(file);
    expect(readdirSync(dir).sort()).toEqual(
      [file, other].map((f) => f.slice(dir.length + 1)).sort(),
    );
  });

  it('empties its folder before the first write: an older version’s file may hold an older drawing', async () => {
    const dir = join(await tempDir(), 'tray-icons');
    await mkdir(dir);
    const cache = new TrayIconCache();
    // The name this look's file gets, left over from an earlier run.
    const earlier = new TrayIcoFiles(cache, join(await tempDir(), 'earlier'));
    const stale = join(dir, basename(earlier.path(at(10), 'on-light')));
    writeFileSync(stale, 'an older drawing');
    const files = new TrayIcoFiles(cache, dir);
    expect(existsSync(stale)).toBe(true); // nothing is touched until an icon is needed
    expect(files.path(at(10), 'on-light')).toBe(stale);
    expect(readFileSync(stale).equals(cache.ico(at(10), 'on-light'))).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
