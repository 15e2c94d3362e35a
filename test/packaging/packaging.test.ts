// The packaging check: the project packed by electron-builder as `npm run dist` would, offline
// (Electron itself replaced by a stand-in), then the produced app.asar opened and inspected.
import { extractFile } from '@electron/asar';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../src-main/app/identity.ts';
import {
  ASAR_BUDGET_BYTES,
  asarFiles,
  devOnlyNames,
  packageName,
  packedPackages,
  readLockfile,
  runtimeClosure,
  type AsarFile,
} from './asar-contents.ts';
import { CAN_PACK_MAC, ROOT, packApp, scratchDir, type PackedApp } from './build-app.ts';

/** Needed only to install or compile a native module, never loaded: the config leaves them out. */
const BUILD_TIME_ONLY = new Set(['prebuild-install', 'node-addon-api']);
/** Dev dependencies a careless `files` list would drag in, named for a readable failure. */
const NEVER_PACKED = [
  'react',
  'react-dom',
  'chart.js',
  'vitest',
  'vite',
  'electron',
  'electron-builder',
  'electron-vite',
  'typescript',
  'playwright-core',
  'node',
  '@electron/asar',
];
const HOST_PREBUILD = `${process.platform}-${process.arch}.node`;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

let scratch: Awaited<ReturnType<typeof scratchDir>>;
let packed: PackedApp;
let archive: string;
let files: Map<string, AsarFile>;

beforeAll(async () => {
  scratch = await scratchDir('packaging-');
  packed = await packApp(scratch.path);
  archive = join(packed.linuxDir, 'resources', 'app.asar');
  files = asarFiles(archive);
}, 240_000);

afterAll(async () => {
  await scratch?.remove();
});

describe('the packed app.asar', () => {
  it('holds the built main process, preload and window, and a package.json naming the main', () => {
    for (const entry of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(files.has(entry), entry).toBe(true);
    const packedPkg = JSON.parse(extractFile(archive, 'package.json').toString()) as {
      main: string;
      type: string;
      desktopName?: string;
    };
    expect(packedPkg.main).toBe(pkg.main);
    expect(packedPkg.main).toBe('out/main/index.js');
    expect(packedPkg.type).toBe('module');
    // Electron's Linux app_id, matched to the installed cloudmeter.desktop.
    expect(packedPkg.desktopName).toBe('cloudmeter.desktop');
  });

  it('holds every file the window loads, and no source maps', () => {
    const html = extractFile(archive, 'out/renderer/index.html').toString();
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files.has(`out/renderer/${asset}`), asset).toBe(true);
    expect([...files.keys()].filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('holds nothing but the build output, package.json and node_modules', () => {
    const topLevel = new Set([...files.keys()].map((path) => path.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const sources = [...files.keys()].filter((path) =>
      /^(test|src-main|src-shared|src-renderer|scripts|docs|bench|assets|reports)\//.test(path),
    );
    expect(sources).toEqual([]);
  });

  it('leaves every dev dependency out of node_modules', () => {
    const names = new Set([...packedPackages(files.keys())].map(packageName));
    expect(NEVER_PACKED.filter((name) => names.has(name))).toEqual([]);
    const devOnly = devOnlyNames(readLockfile());
    expect([...names].filter((name) => devOnly.has(name))).toEqual([]);
  });

  it('holds every runtime dependency together with the packages it requires', () => {
    const needed = runtimeClosure(readLockfile(), Object.keys(pkg.dependencies), BUILD_TIME_ONLY);
    expect(needed.size).toBeGreaterThanOrEqual(Object.keys(pkg.dependencies).length);
    const packages = packedPackages(files.keys());
    expect([...needed].filter((folder) => !packages.has(folder))).toEqual([]);
  });

  it('keeps each packed package’s license file, and leaves its documentation out', () => {
    const packages = [...packedPackages(files.keys())];
    const paths = [...files.keys()];
    const withoutLicense = packages.filter(
      (folder) =>
        !paths.some((path) => path.startsWith(`${folder}/`) && /\/licen[cs]e/i.test(path)),
    );
    // A few tiny packages publish no license file at all; the runtime dependencies all do.
    for (const name of Object.keys(pkg.dependencies))
      expect(withoutLicense, name).not.toContain(`node_modules/${name}`);
    expect(paths.filter((path) => /\/README\.md$/i.test(path))).toEqual([]);
  });

  it('keeps the native modules unpacked beside the archive, this platform’s binary only', () => {
    const natives = [
      'node_modules/keytar/build/Release/keytar.node',
      `node_modules/better-sqlite3/prebuilds/${HOST_PREBUILD}`,
    ];
    const unpacked = join(packed.linuxDir, 'resources', 'app.asar.unpacked');
    for (const native of natives) {
      expect(files.get(native), native).toMatchObject({ unpacked: true });
      const onDisk = join(unpacked, ...native.split('/'));
      expect(existsSync(onDisk), onDisk).toBe(true);
      expect(statSync(onDisk).size).toBe(statSync(join(ROOT, ...native.split('/'))).size);
    }
    // No native binary left inside the archive, where it could not be loaded, and none but
    // these (plus better-sqlite3's own build, once `npm run dist` has compiled one for Electron).
    const nodeFiles = [...files].filter(([path]) => path.endsWith('.node'));
    expect(nodeFiles.filter(([, file]) => !file.unpacked).map(([path]) => path)).toEqual([]);
    const known = [...natives, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'];
    expect(nodeFiles.map(([path]) => path).filter((path) => !known.includes(path))).toEqual([]);
    // better-sqlite3 ships a binary for every platform; the others stay out.
    const prebuilds = readdirSync(join(unpacked, 'node_modules', 'better-sqlite3', 'prebuilds'));
    expect(prebuilds).toEqual([HOST_PREBUILD]);
  });

  it('stays within its size budget (npm run bench shows where the bytes go)', () => {
    const size = statSync(archive).size;
    const unpacked = [...files.values()].filter((f) => f.unpacked).reduce((s, f) => s + f.size, 0);
    console.log(`app.asar: ${MB(size)}, unpacked beside it: ${MB(unpacked)}`);
    expect(size).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
    expect(size).toBeGreaterThan(100 * 1024);
  });
});

describe('the packed app', () => {
  it('starts as "cloudmeter" on Linux, the name its desktop entry and autostart file use', () => {
    expect(existsSync(join(packed.linuxDir, 'cloudmeter'))).toBe(true);
  });

  it.skipIf(!CAN_PACK_MAC)(
    'is a macOS menu-bar app (no Dock icon) with the Cloudmeter bundle id and icon',
    () => {
      expect(packed.macApp, packed.log).not.toBeNull();
      const contents = join(packed.macApp!, 'Contents');
      const plist = readFileSync(join(contents, 'Info.plist'), 'utf8');
      const value = (key: string) =>
        new RegExp(`<key>${key}</key>\\s*<(?:string>([^<]*)</string|(true|false)/)>`).exec(plist);
      expect(value('LSUIElement')?.[2]).toBe('true');
      expect(value('CFBundleName')?.[1]).toBe('Cloudmeter');
      expect(value('CFBundleIdentifier')?.[1]).toBe(APP_ID);
      expect(value('CFBundleIconFile')?.[1]).toBe('icon.icns');
      const icon = readFileSync(join(contents, 'Resources', 'icon.icns'));
      expect(icon.equals(readFileSync(join(ROOT, 'assets', 'icon.icns')))).toBe(true);
      expect(existsSync(join(contents, 'Resources', 'app.asar'))).toBe(true);
    },
  );
});
