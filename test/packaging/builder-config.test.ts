// What electron-builder.yml promises for the installers that cannot be built offline (dmg,
// nsis, AppImage, deb): read from the file itself and checked against the code it must agree
// with. packaging.test.ts covers what `--dir` can show.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../src-main/app/identity.ts';
import { autostartEntry } from '../../src-main/platform/autostart/xdg-autostart.ts';
import { ROOT } from './build-app.ts';

// js-yaml is what electron-builder itself reads its YAML with.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Target {
  readonly target: string;
  readonly arch: readonly string[];
}

interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly files: readonly string[];
  readonly asarUnpack: readonly string[];
  readonly publish: unknown;
  readonly mac: {
    readonly target: readonly Target[];
    readonly icon: string;
    readonly hardenedRuntime: boolean;
    readonly entitlements: string;
    readonly entitlementsInherit: string;
    readonly extendInfo: Record<string, unknown>;
  };
  readonly win: { readonly target: readonly Target[]; readonly icon: string };
  readonly nsis: Record<string, unknown>;
  readonly linux: {
    readonly target: readonly Target[];
    readonly icon: string;
    readonly executableName: string;
    readonly category: string;
  };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const targets = (list: readonly Target[]) =>
  Object.fromEntries(list.map((t) => [t.target, [...t.arch].sort()]));

describe('electron-builder.yml', () => {
  it('names the app Cloudmeter, with the AppUserModelID the shell registers on Windows', () => {
    // That the shell registers APP_ID is test/shell/start-shell.test.ts's to show.
    expect(config.productName).toBe('Cloudmeter');
    expect(config.appId).toBe(APP_ID);
  });

  it('builds a dmg and a zip for Apple silicon and Intel Macs, a menu-bar app signed for notarization', () => {
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(join(ROOT, file), 'utf8');
      expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
      // Library validation stays on: the native modules are signed with the app's own identity.
      expect(plist).not.toMatch(/<key>com\.apple\.security\.cs\.disable-library-validation/);
    }
  });

  it('builds a per-user Windows installer that puts a Start-menu shortcut in place', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['x64'] });
    expect(config.nsis).toMatchObject({ perMachine: false, createStartMenuShortcut: true });
  });

  it('builds an AppImage and a .deb whose icon and executable match the autostart entry', () => {
    expect(targets(config.linux.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    expect(config.linux.category.split(';')).toContain('Utility');
    const entry = autostartEntry('/opt/Cloudmeter/cloudmeter');
    expect(entry).toContain(`Icon=${config.linux.executableName}\n`);
  });

  it('points at icons that exist, in the sizes each platform needs', () => {
    expect(existsSync(join(ROOT, config.mac.icon))).toBe(true);
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    const linuxIcons = readdirSync(join(ROOT, config.linux.icon));
    for (const size of [16, 32, 48, 256, 512]) expect(linuxIcons).toContain(`${size}x${size}.png`);
  });

  it('ships only the build output, unpacks native code, and publishes nowhere by default', () => {
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
    ]);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.publish).toBeNull();
  });
});
