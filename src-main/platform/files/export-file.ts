import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Streams text chunks to a file (owner-only): years of hourly
 * samples never sit in memory at once. A failed write removes nothing it did not create.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const file = createWriteStream(path, { mode: 0o600 });
  try {
    for (const chunk of chunks) if (!file.write(chunk)) await once(file, 'drain');
  } finally {
    file.end();
  }
  await once(file, 'finish');
}
