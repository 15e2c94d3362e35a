import { getRawHeader } from '@electron/asar';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build-app.ts';

/**
 * The size budget of app.asar (issue 9), without Electron itself: asserted by packaging.test.ts,
 * printed with where the bytes go by bench/asar.bench.ts.
 */
export const ASAR_BUDGET_BYTES = 15 * 1024 * 1024;

/** One file in an asar archive, by its path inside it ("out/main/index.js"). */
export interface AsarFile {
  readonly size: number;
  /** Stored beside the archive in app.asar.unpacked instead of inside it. */
  readonly unpacked: boolean;
}

interface HeaderNode {
  readonly files?: Record<string, HeaderNode>;
  readonly size?: number;
  readonly unpacked?: boolean;
  readonly link?: string;
}

/** Every file in the archive (symbolic links and folders left out), read from its header. */
export function asarFiles(archive: string): Map<string, AsarFile> {
  const files = new Map<string, AsarFile>();
  const walk = (node: HeaderNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else if (child.link === undefined)
        files.set(path, { size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header, '');
  return files;
}

/** The package folders in an archive: "node_modules/zod", "node_modules/a/node_modules/b". */
export function packedPackages(files: Iterable<string>): Set<string> {
  const packages = new Set<string>();
  for (const path of files) {
    const match =
      /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(
        path,
      );
    if (match) packages.add(match[1]!);
  }
  return packages;
}

export const packageName = (folder: string) =>
  folder.slice(folder.lastIndexOf('node_modules/') + 'node_modules/'.length);

interface LockEntry {
  readonly dev?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

interface Lockfile {
  readonly packages: Record<string, LockEntry>;
}

export function readLockfile(): Lockfile {
  return JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
}

/** Names that appear in the lockfile only as dev dependencies (directly or through others). */
export function devOnlyNames(lock: Lockfile): Set<string> {
  const dev = new Set<string>();
  const runtime = new Set<string>();
  for (const [folder, entry] of Object.entries(lock.packages)) {
    if (!folder) continue;
    (entry.dev ? dev : runtime).add(packageName(folder));
  }
  return new Set([...dev].filter((name) => !runtime.has(name)));
}

/** Where Node finds `name` when required from the package in `from` ("" is the project). */
function resolveFolder(lock: Lockfile, name: string, from: string): string | null {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/**
 * The package folders the app needs at run time: the project's `dependencies` and, through
 * the lockfile, everything they depend on, following Node's lookup. Packages in `skip` (needed
 * only to install or build a native module) are not followed.
 */
export function runtimeClosure(
  lock: Lockfile,
  dependencies: readonly string[],
  skip: ReadonlySet<string>,
): Set<string> {
  const needed = new Set<string>();
  const visit = (name: string, from: string, optional = false) => {
    if (skip.has(name)) return;
    const folder = resolveFolder(lock, name, from);
    if (!folder) {
      if (optional) return; // an optional dependency for another platform
      throw new Error(`package-lock.json has no ${name} reachable from "${from || 'the project'}"`);
    }
    if (needed.has(folder)) return;
    needed.add(folder);
    const entry = lock.packages[folder]!;
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(dep, folder);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(dep, folder, true);
  };
  for (const name of dependencies) visit(name, '');
  return needed;
}
