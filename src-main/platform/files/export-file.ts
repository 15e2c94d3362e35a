import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Streams text chunks to a file (owner-only): years of hourly
 * samples never sit in memory at once. A failed write removes nothing it did not create.
 */
export function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  return writeChunksTo(createWriteStream(path, { mode: 0o600 }), chunks);
}

/**
 * Writes chunks to a stream, waiting for 'drain' whenever its buffer is full, then ends it.
 * `chunks` is pulled between those waits, so the other work of the process (a poll saving to
 * the same database) runs in between: a source must not hold anything open across a pull.
 */
export async function writeChunksTo(stream: Writable, chunks: Iterable<string>): Promise<void> {
  try {
    for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
  } finally {
    stream.end();
  }
  await once(stream, 'finish');
}
