import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src-main/platform/files/atomic-write.ts';
import { tempDir } from '../../support/temp-dir.ts';

const run = promisify(execFile);
const MODULE = new URL('../../../src-main/platform/files/atomic-write.ts', import.meta.url).href;

describe('writeFileAtomic', () => {
  it('replaces the file and leaves nothing beside it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'config.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it.skipIf(process.platform === 'win32')(
    'removes its temp file when the write fails, and keeps the old content',
    async () => {
      const dir = await tempDir();
      const file = join(dir, 'config.json');
      await writeFile(file, 'old');
      // A real failing write: a child process whose file size limit (ulimit -f, in 1 KiB
      // blocks) is below the content, so the kernel refuses the write with EFBIG.
      const script = `
        const { writeFileAtomic } = await import(${JSON.stringify(MODULE)});
        await writeFileAtomic(process.argv[1], 'x'.repeat(64 * 1024)).then(
          () => console.log('written'),
          (error) => console.log(error.code),
        );`;
      const child = await run('sh', [
        '-c',
        'ulimit -f 8 && exec "$0" --input-type=module -e "$1" "$2"',
        process.execPath,
        script,
        file,
      ]);
      expect(child.stdout.trim()).toBe('EFBIG');
      expect(await readFile(file, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['config.json']);
    },
  );
});
