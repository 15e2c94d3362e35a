// Size of the packed app (issue 9): the project packed by electron-builder exactly as the
// packaging test does (test/packaging/build-app.ts), without Electron itself. Prints the
// app.asar size against its budget, what is unpacked beside it, and the largest packages
// inside, so a size regression names its cause. The budget (ASAR_BUDGET_BYTES) is the one
// test/packaging/packaging.test.ts asserts.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ASAR_BUDGET_BYTES, asarFiles, packedPackages } from '../test/packaging/asar-contents.ts';
import { packApp, scratchDir } from '../test/packaging/build-app.ts';
import { type BenchResult, timedAsync } from './bench-support.ts';

const MB = 1024 * 1024;
const BUDGET_MB = ASAR_BUDGET_BYTES / MB;

export async function runAsarBench(): Promise<BenchResult[]> {
  const scratch = await scratchDir('bench-asar-');
  try {
    let linuxDir = '';
    const packMs = await timedAsync(async () => {
      linuxDir = (await packApp(scratch.path)).linuxDir;
    });
    const archive = join(linuxDir, 'resources', 'app.asar');
    const files = asarFiles(archive);
    const asarMb = statSync(archive).size / MB;
    const unpackedMb =
      [...files.values()].filter((f) => f.unpacked).reduce((sum, f) => sum + f.size, 0) / MB;

    // Where the bytes are: the built app, and each top-level package with what it nests.
    const bytesUnder = (prefix: string) =>
      [...files]
        .filter(([path, f]) => path.startsWith(prefix) && !f.unpacked)
        .reduce((sum, [, f]) => sum + f.size, 0);
    const parts = [
      ['out/ (main, preload, window)', bytesUnder('out/')] as const,
      ...[...packedPackages(files.keys())]
        .filter((folder) => folder.split('node_modules/').length === 2)
        .map((folder) => [folder, bytesUnder(`${folder}/`)] as const),
    ].sort((a, b) => b[1] - a[1]);
    return [
      {
        name: 'app.asar (without Electron)',
        value: asarMb,
        unit: 'MB',
        target: `<= ${BUDGET_MB}`,
        ok: asarMb <= BUDGET_MB,
      },
      { name: 'app.asar.unpacked (native modules)', value: unpackedMb, unit: 'MB' },
      ...parts.slice(0, 6).map(([name, bytes]) => ({
        name: `  in the asar: ${name}`,
        value: bytes / MB,
        unit: 'MB',
      })),
      { name: 'build + electron-builder --dir', value: packMs / 1000, unit: 's' },
    ];
  } finally {
    await scratch.remove();
  }
}
