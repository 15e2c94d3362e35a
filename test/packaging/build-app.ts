// Building and packing the app for tests, in scratch folders of their own: never into the
// project's out/ or dist/, which `npm run build`, `npm run dev` and `npm run dist` write.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh folder under node_modules/.cache/: on the same disk as node_modules (so the staged
 * project can hard-link it instead of copying half a gigabyte), and a place git, ESLint,
 * Prettier and vitest never look. `npm ci` wipes whatever a crashed run leaves behind.
 */
export async function scratchDir(
  prefix: string,
): Promise<{ path: string; remove(): Promise<void> }> {
  const parent = join(ROOT, 'node_modules', '.cache', 'cloudmeter-tests');
  mkdirSync(parent, { recursive: true });
  const path = await mkdtemp(join(parent, prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface ToolRun {
  readonly code: number | null;
  /** stdout and stderr interleaved, for failure messages. */
  readonly output: string;
}

/**
 * Runs a package's JavaScript CLI on this Node (the project's Node 24 under npm), not through
 * the .bin shims, so it behaves the same on Windows.
 */
export function runNodeScript(
  script: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function packageBin(name: string, bin: string): string {
  return join(ROOT, 'node_modules', name, bin);
}

/** `electron-vite build` with the project's config, written to `<outDir>/{main,preload,renderer}`. */
export async function buildApp(outDir: string): Promise<void> {
  const run = await runNodeScript(
    packageBin('electron-vite', 'bin/electron-vite.js'),
    ['build', '--outDir', outDir, '--logLevel', 'warn'],
    { cwd: ROOT },
  );
  if (run.code !== 0) throw new Error(`electron-vite build failed (${run.code}):\n${run.output}`);
}

/**
 * Recreates `from` under `to` with hard links (a copy where links are impossible), skipping
 * the top-level names in `skip`. Symbolic links (node_modules/.bin) are recreated as such.
 */
export function linkTree(from: string, to: string, skip: ReadonlySet<string> = new Set()): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(source, target);
    } else if (entry.isSymbolicLink()) {
      try {
        symlinkSync(readlinkSync(source), target);
      } catch {
        // Windows without the symlink privilege: the .bin shims are not needed for packing.
      }
    } else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * A stand-in for the Electron distribution electron-builder would download (see
 * ../shared/toolchain.md): the Linux layout (an `electron` executable, `version`, `LICENSE`,
 * `resources/`) and the macOS one (`Electron.app` with the Info.plist files electron-builder
 * rewrites). Packing needs only these files, never a working binary.
 */
export function writeElectronStandIn(dir: string): void {
  const version = (
    JSON.parse(readFileSync(packageBin('electron', 'package.json'), 'utf8')) as { version: string }
  ).version;
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "Electron stand-in"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license.\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>Stand-in.</p>\n');
  const contents = join(dir, 'Electron.app', 'Contents');
  const bundle = (path: string, executable: string) => {
    mkdirSync(join(path, 'MacOS'), { recursive: true });
    writeFileSync(join(path, 'MacOS', executable), 'stand-in\n', { mode: 0o755 });
    writeFileSync(
      join(path, 'Info.plist'),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
        '<plist version="1.0"><dict>',
        `<key>CFBundleExecutable</key><string>${executable}</string>`,
        '<key>CFBundleIdentifier</key><string>com.github.Electron</string>',
        `<key>CFBundleName</key><string>${executable}</string>`,
        '</dict></plist>',
        '',
      ].join('\n'),
    );
  };
  bundle(contents, 'Electron');
  mkdirSync(join(contents, 'Resources'), { recursive: true });
  bundle(join(contents, 'Frameworks', 'Electron Helper.app', 'Contents'), 'Electron Helper');
}

/** What builds and tests write (.gitignore): never staged, so the stage holds only the project. */
const BUILD_OUTPUTS = ['out', 'dist', 'reports', '.vite', '.tmp'];

/** The folders a packed app was written to, by platform. */
export interface PackedApp {
  /** The unpacked Linux app: the `cloudmeter` executable, and resources/app.asar beside it. */
  readonly linuxDir: string;
  /** The macOS `Cloudmeter.app`, or null where electron-builder cannot build for macOS. */
  readonly macApp: string | null;
  readonly log: string;
}

/** electron-builder cannot target macOS from Windows at all, even for `--dir`. */
export const CAN_PACK_MAC = process.platform !== 'win32';

/**
 * Packs the project as `npm run dist` would, offline: a staged copy of the project (hard links,
 * node_modules included) with the app built into it, then `electron-builder --dir` against the
 * Electron stand-in, for Linux and (where possible) macOS, with the native rebuild off (the
 * N-API binaries are already built for this machine).
 */
export async function packApp(scratch: string): Promise<PackedApp> {
  // The whole project, sources and tests included, so that a `files` list letting them in fails.
  const stage = join(scratch, 'project');
  linkTree(ROOT, stage, new Set([...BUILD_OUTPUTS, 'node_modules', '.git']));
  linkTree(join(ROOT, 'node_modules'), join(stage, 'node_modules'), new Set(['.cache']));
  await buildApp(join(stage, 'out'));

  const electronDist = join(scratch, 'electron-dist');
  writeElectronStandIn(electronDist);
  const output = join(scratch, 'dist');
  const run = await runNodeScript(
    packageBin('electron-builder', 'cli.js'),
    [
      '--linux',
      'dir',
      ...(CAN_PACK_MAC ? ['--mac', 'dir'] : []),
      '--projectDir',
      stage,
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
      '-c.npmRebuild=false',
      // No signing identity is looked for (a macOS runner would otherwise try).
      '-c.mac.identity=null',
    ],
    { cwd: stage, env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (run.code !== 0) throw new Error(`electron-builder failed (${run.code}):\n${run.output}`);

  const dirs = readdirSync(output);
  const linux = dirs.find((name) => name.startsWith('linux') && name.endsWith('unpacked'));
  const mac = dirs.find((name) => name === 'mac' || name.startsWith('mac-'));
  if (!linux)
    throw new Error(`no linux-unpacked folder in ${relative(ROOT, output)}:\n${run.output}`);
  return {
    linuxDir: join(output, linux),
    macApp: mac ? join(output, mac, 'Cloudmeter.app') : null,
    log: run.output,
  };
}
