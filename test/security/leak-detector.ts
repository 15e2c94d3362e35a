import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Looks for secrets in text, independently of the app's Redactor (which works by encoding
 * the secret; this works by decoding the text): the raw value, its URL, JSON and hex forms,
 * and any base64 run (standard or URL-safe, at any alignment) whose decoded bytes contain it,
 * which is how a Basic auth header or an encoded "user:key" pair would carry it.
 */

export interface Leak {
  /** Where it was found: "check --json stdout", "file data/history.sqlite"... */
  readonly where: string;
  /** Which secret (its label, never its value). */
  readonly secret: string;
  readonly form: 'raw' | 'url' | 'json' | 'hex' | 'base64';
}

export interface Evidence {
  readonly where: string;
  readonly text: string;
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{6,}={0,2}/g;

/** A text prepared once for searching many secrets in it (the decoding is the costly part). */
class Searchable {
  readonly text: string;
  readonly lower: string;
  /**
   * Every base64 run (standard or URL-safe) decoded at each of its four possible alignments,
   * end to end in one buffer: one search per secret instead of one per run.
   */
  readonly decoded: Buffer;

  constructor(text: string) {
    this.text = text;
    this.lower = text.toLowerCase();
    const decoded: Buffer[] = [];
    for (const [run] of text.matchAll(BASE64_RUN)) {
      const standard = run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
      // Node decodes unpadded base64; each offset tries one of the four possible alignments.
      for (let offset = 0; offset < 4; offset++)
        decoded.push(Buffer.from(standard.slice(offset), 'base64'));
    }
    this.decoded = Buffer.concat(decoded);
  }
}

function formIn(text: Searchable, secret: string): Leak['form'] | null {
  if (text.text.includes(secret)) return 'raw';
  const uri = encodeURIComponent(secret);
  if (text.text.includes(uri) || text.lower.includes(uri.toLowerCase())) return 'url';
  if (text.text.includes(new URLSearchParams({ k: secret }).toString().slice(2))) return 'url';
  if (text.text.includes(JSON.stringify(secret).slice(1, -1))) return 'json';
  if (text.lower.includes(Buffer.from(secret).toString('hex'))) return 'hex';
  const bytes = Buffer.from(secret, 'utf8');
  if (text.decoded.includes(bytes)) return 'base64';
  return null;
}

export function formOf(text: string, secret: string): Leak['form'] | null {
  return formIn(new Searchable(text), secret);
}

/** Every (place, secret) pair where a secret shows, in any of the forms above. */
export function findLeaks(
  secrets: Readonly<Record<string, string>>,
  evidence: readonly Evidence[],
): Leak[] {
  const leaks: Leak[] = [];
  for (const { where, text } of evidence) {
    const searchable = new Searchable(text);
    for (const [label, value] of Object.entries(secrets)) {
      const form = formIn(searchable, value);
      if (form) leaks.push({ where, secret: label, form });
    }
  }
  return leaks;
}

/** Every file under `dir` (config, data folder, history database...), read as text. */
export async function filesUnder(dir: string): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    evidence.push({ where: `file ${path}`, text: (await readFile(path)).toString('latin1') });
    evidence.push({ where: `file ${path} (utf-8)`, text: await readFile(path, 'utf8') });
  }
  return evidence;
}
