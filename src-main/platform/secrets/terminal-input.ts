import { isatty } from 'node:tty';

/**
 * Where the CLI reads a secret from: standard input (a pipe, a file) or, on a terminal, a
 * prompt that does not echo. Never a command-line argument, which would land in the shell's
 * history and in every process listing.
 */
export interface SecretInput {
  /** True when standard input is a terminal: a person is typing. */
  readonly interactive: boolean;
  /** All of standard input, read once (at most 64 KiB). */
  readAll(): Promise<string>;
  /** Asks on the terminal without echoing what is typed; resolves with the line. */
  promptHidden(question: string): Promise<string>;
}

export class SecretInputError extends Error {
  override name = 'SecretInputError';
}

const MAX_INPUT_BYTES = 64 * 1024;

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_INPUT_BYTES)
      throw new SecretInputError(
        `standard input is larger than ${MAX_INPUT_BYTES} bytes; expected a secret`,
      );
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Raw mode: the terminal neither echoes nor edits; this loop does the little editing needed. */
function promptHidden(
  stdin: NodeJS.ReadStream,
  out: NodeJS.WriteStream,
  question: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    let escape = false;
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    out.write(question);
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      out.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (escape) {
          // An escape sequence (arrow keys...): skip it up to its final letter or "~".
          if (/[A-Za-z~]/.test(ch)) escape = false;
        } else if (ch === '\r' || ch === '\n') return finish();
        else if (ch === '\u0003')
          return finish(new SecretInputError('cancelled; nothing was stored'));
        else if (ch === '\u0004') {
          if (value === '') return finish();
        } else if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch === '\u001b') escape = true;
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/**
 * The process's own standard input; prompts go to standard error so that standard output
 * stays clean for scripts. Standard input is opened only when a secret is actually needed.
 */
export function processSecretInput(): SecretInput {
  return {
    interactive: isatty(0),
    readAll: () => readAll(process.stdin),
    promptHidden: (question) => promptHidden(process.stdin, process.stderr, question),
  };
}
