import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src-main/core/redact.ts';
import {
  createRedactingLogger,
  fileLogSink,
} from '../../src-main/platform/log/redacting-logger.ts';
import { tempDir } from '../support/temp-dir.ts';

const KEY = 'mk-2b6e0d3f9a8c71e4';

describe('the redacting logger', () => {
  it('writes one JSON line per entry, at or above its level, with secrets replaced', () => {
    const redactor = new Redactor();
    redactor.add(KEY);
    const lines: string[] = [];
    const log = createRedactingLogger({
      redactor,
      write: (line) => lines.push(line),
      minLevel: 'info',
      now: () => Date.parse('2026-11-21T12:00:00Z'),
    });
    log.debug('not written');
    log.info(`calling with ${KEY}`, { account: 'm1', bytes: 12n, level: 'spoofed' });
    log.error('refused', {
      headers: { authorization: `Basic ${Buffer.from(`${KEY}:x`).toString('base64')}` },
    });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      account: 'm1',
      bytes: '12',
      time: '2026-11-21T12:00:00.000Z',
      level: 'info',
      message: 'calling with [redacted]',
    });
    expect(lines.join('')).not.toContain(KEY);
    expect(JSON.parse(lines[1]!)).toMatchObject({ headers: { authorization: '[redacted]' } });
  });

  it('appends to a log file only its owner can read', async () => {
    const file = join(await tempDir(), 'cloudmeter.log');
    const sink = fileLogSink(file);
    const redactor = new Redactor();
    redactor.add(KEY);
    const log = createRedactingLogger({ redactor, write: sink.write });
    log.warn(`first ${KEY}`);
    log.warn('second');
    await sink.close();
    const text = await readFile(file, 'utf8');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { message: string }).message),
    ).toEqual(['first [redacted]', 'second']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
