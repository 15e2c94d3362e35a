import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportChunks } from '../../../src-main/core/export.ts';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { writeChunks, writeChunksTo } from '../../../src-main/platform/files/export-file.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { HOUR, okPoll, transferMeter, usageOf } from '../storage/store-fixtures.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** A destination that takes its time: a small buffer, each write acknowledged on a later turn of the event loop. */
function slowWritable() {
  let text = '';
  const stream = new Writable({
    highWaterMark: 256,
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      setImmediate(done);
    },
  });
  return { stream, text: () => text };
}

describe('exporting to a file', () => {
  it('lets polls save while an export waits for a slow destination', async () => {
    const { store } = openHistoryStore(await tempDir(), { log: silentLogger, now: () => T0 });
    // Several meters, and more samples per meter than one export page holds.
    const meters = ['a', 'b', 'c'].map((id) => transferMeter(id));
    const samples = meters.flatMap((m) =>
      Array.from({ length: 6000 }, (_, h) => ({ meterId: m.id, at: T0 + h * HOUR, value: 1 })),
    );
    store.recordPoll(okPoll('acct', T0, usageOf(meters, samples)));

    const destination = slowWritable();
    let drains = 0;
    destination.stream.on('drain', () => drains++);
    const polls: number[] = [];
    const pollWhileWaiting = setInterval(() => {
      const at = T0 + 10_000 * HOUR + polls.length;
      polls.push(
        store.recordPoll(
          okPoll('other', at, usageOf([transferMeter()], [{ meterId: 'transfer', at, value: 2 }])),
        ),
      );
      store.saveAlertState({ polls: polls.length });
    }, 2);
    try {
      await writeChunksTo(
        destination.stream,
        exportChunks(store.exportSamples({ accountIds: ['acct'] }), 'csv'),
      );
    } finally {
      clearInterval(pollWhileWaiting);
    }

    expect(drains).toBeGreaterThan(10); // the export really did wait, again and again
    expect(polls.length).toBeGreaterThan(3);
    expect(store.polls('other', 1000)).toHaveLength(polls.length);
    expect(store.loadAlertState()).toEqual({ polls: polls.length });
    const lines = destination.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1 + samples.length); // the header, then every sample once
    expect(new Set(lines).size).toBe(lines.length);
    store.close();
  });

  it('pages through a meter without losing or repeating a sample at the page edges', async () => {
    const { store } = openHistoryStore(await tempDir(), { log: silentLogger, now: () => T0 });
    const samples = Array.from({ length: 12_345 }, (_, i) => ({
      meterId: 'transfer',
      at: T0 + i * 1000,
      value: i,
    }));
    store.recordPoll(okPoll('a', T0, usageOf([transferMeter()], samples)));
    const rows = [...store.exportSamples({ from: T0 + 1000, to: T0 + 12_000_000 })];
    expect(rows.map((r) => r.value)).toEqual(samples.slice(1, 12_000).map((s) => s.value));
    store.close();
  });

  it('writes a file only its owner can read', async () => {
    const file = join(await tempDir(), 'usage.csv');
    await writeChunks(file, ['a,b\n', '1,2\n']);
    expect(readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
