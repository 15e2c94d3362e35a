import { createWriteStream } from 'node:fs';
import type { Logger } from '../../core/logger.ts';
import { redactingLogger, type Redactor } from '../../core/redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogOptions {
  /** Known secrets are replaced in the message and in every field before a line is written. */
  readonly redactor: Redactor;
  /** Receives one JSON line (with its newline) per entry. */
  readonly write: (line: string) => void;
  readonly minLevel?: LogLevel;
  readonly now?: () => number;
}

/**
 * A logger that writes JSON lines (`{"time","level","message",...fields}`), redacted before
 * they leave: the only Logger the app and the CLI write with.
 */
export function createRedactingLogger(options: LogOptions): Logger {
  const min = RANK[options.minLevel ?? 'info'];
  const now = options.now ?? Date.now;
  const at =
    (level: LogLevel): Logger['info'] =>
    (message, fields) => {
      if (RANK[level] < min) return;
      const entry = { ...fields, time: new Date(now()).toISOString(), level, message };
      options.write(
        `${JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}\n`,
      );
    };
  const plain: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return redactingLogger(plain, options.redactor);
}

/** Appends log lines to a file only this user can read; `close` flushes it. */
export function fileLogSink(path: string): {
  write: (line: string) => void;
  close: () => Promise<void>;
} {
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  return {
    write: (line) => {
      stream.write(line);
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
