import type { ThroughputWindow } from '../../src-shared/domain/throughput.ts';
import type { FetchContext, ProviderAdapter, TimeRange } from '../providers/provider.ts';
import type { Logger } from './logger.ts';
import { ProviderError, isProviderError } from './provider-error.ts';
import { isSecretStoreError, type SecretStore } from './secrets.ts';

export const REDACTED = '[redacted]';

/** Shorter secrets are not replaced: a three-letter "secret" would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Derived forms shorter than this (tiny base64 fragments) would match by chance. */
const MIN_FORM_LENGTH = 6;

/** Keys whose values are credentials whatever they hold (headers, request fields, configs). */
const SENSITIVE_KEY =
  /(authorization|cookie|passw(or)?d|secret|token|api[-_]?key|private[-_]?key|signature|credential)/i;

/**
 * `Basic <base64>` / `Bearer <token>` with a token that looks like one (long, and holding a
 * digit or a base64 symbol), so that "Basic authentication failed" is left alone.
 */
const AUTH_SCHEME_TOKEN = /\b(Basic|Bearer)\s+(?=[\w+/.~-]*[\d+/=])[\w+/.~-]{12,}=*/gi;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil((Math.min(3, bytes.length - i) * 8) / 6);
    for (let c = 0; c < chars; c++) out += BASE64_ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * The parts of base64 output that depend only on the secret, for each of the three byte
 * alignments it can have inside a longer string. `Basic base64("<key>:x")`,
 * `base64("user:<key>")` and any other encoding of text that contains the secret holds one of
 * these three fragments, whatever surrounds the secret.
 */
export function base64Fragments(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const fragments: string[] = [];
  for (let align = 0; align < 3; align++) {
    const padded = new Uint8Array(align + bytes.length);
    padded.set(bytes, align);
    const encoded = base64(padded);
    fragments.push(
      encoded.slice(Math.ceil((8 * align) / 6), Math.floor((8 * (align + bytes.length)) / 6)),
    );
  }
  return fragments;
}

/** The secret and its literal encodings: URL (either hex case), form, JSON string, hex bytes. */
export function literalForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const uri = encodeURIComponent(secret);
  forms.add(uri);
  forms.add(uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(uri.replace(/%20/g, '+'));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(
    [...new TextEncoder().encode(secret)].map((b) => b.toString(16).padStart(2, '0')).join(''),
  );
  return [...forms].filter((form) => form === secret || form.length >= MIN_FORM_LENGTH);
}

/** Both base64 alphabets (standard and URL-safe): the extent of one encoded run. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Replaces each match of `fragments` together with the whole base64 run around it (and its
 * padding): half-redacted base64 would still carry bits of the secret at its edges.
 */
function replaceBase64Runs(text: string, fragments: RegExp): string {
  let out = '';
  let done = 0;
  for (const match of text.matchAll(fragments)) {
    let start = match.index;
    let end = start + match[0].length;
    if (start < done) continue;
    while (start > done && BASE64_CHAR.test(text[start - 1]!)) start--;
    while (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
    while (text[end] === '=') end++;
    out += text.slice(done, start) + REDACTED;
    done = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces known secret values, and what can be derived from them, with "[redacted]" before
 * anything is written or shown. Secrets are registered as they pass through the process
 * (read from or written to the keychain, typed by the user, handed to an adapter).
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private literal: RegExp | null = null;
  private base64: RegExp | null = null;
  private dirty = false;

  /** Registers a secret; its derived forms are redacted too. */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.dirty = true;
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    this.compile();
    let out = this.base64 ? replaceBase64Runs(text, this.base64) : text;
    if (this.literal) out = out.replace(this.literal, REDACTED);
    return out.replace(AUTH_SCHEME_TOKEN, (_match, scheme: string) => `${scheme} ${REDACTED}`);
  }

  /**
   * A copy of a log field or error detail that is safe to write: strings redacted, values under
   * credential-like keys replaced, errors reduced to name and message.
   */
  redactValue(value: unknown): unknown {
    return this.walk(value, new WeakSet(), true);
  }

  /** A copy with every string redacted and nothing else changed (for data such as usage). */
  redactStrings<T>(value: T): T {
    return this.walk(value, new WeakSet(), false) as T;
  }

  private compile(): void {
    if (!this.dirty) return;
    const alternation = (forms: string[]) =>
      forms.length === 0
        ? null
        : new RegExp(
            [...new Set(forms)]
              .sort((a, b) => b.length - a.length)
              .map(escapeRegExp)
              .join('|'),
            'g',
          );
    const secrets = [...this.secrets];
    this.literal = alternation(secrets.flatMap(literalForms));
    this.base64 = alternation(
      secrets
        .flatMap(base64Fragments)
        .flatMap((f) => [f, f.replace(/\+/g, '-').replace(/\//g, '_')])
        .filter((f) => f.length >= MIN_FORM_LENGTH),
    );
    this.dirty = false;
  }

  /** `ancestors` holds only the objects above this one: shared references are copied, cycles cut. */
  private walk(value: unknown, ancestors: WeakSet<object>, maskKeys: boolean): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object') return value;
    if (ancestors.has(value)) return '[circular]';
    if (value instanceof Error) {
      const kind = (value as { kind?: unknown }).kind;
      return {
        name: value.name,
        message: this.redact(value.message),
        ...(typeof kind === 'string' ? { kind } : {}),
      };
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function')
      return this.walk(toJSON.call(value) as unknown, ancestors, maskKeys);
    const plain =
      Array.isArray(value) ||
      [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
    // Data keeps its Maps and class instances; a log field is walked the way JSON would.
    if (!plain && !maskKeys) return value;
    ancestors.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.walk(item, ancestors, maskKeys));
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        copy[key] =
          maskKeys && SENSITIVE_KEY.test(key) && item !== null && item !== undefined
            ? REDACTED
            : this.walk(item, ancestors, maskKeys);
      }
      return copy;
    } finally {
      ancestors.delete(value);
    }
  }
}

/**
 * The same error with its words redacted. A ProviderError keeps its kind, status and retry
 * delay; its cause is dropped, because a cause (a request, a response) may hold a secret.
 */
export function redactError(error: unknown, redactor: Pick<Redactor, 'redact'>): Error {
  if (isProviderError(error)) {
    return new ProviderError(error.kind, redactor.redact(error.message), {
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      providerMessage:
        error.providerMessage === null ? null : redactor.redact(error.providerMessage),
    });
  }
  if (isSecretStoreError(error)) return error;
  if (error instanceof Error) {
    const copy = new Error(redactor.redact(error.message));
    copy.name = error.name;
    return copy;
  }
  return new Error(redactor.redact(String(error)));
}

/** A logger that redacts the message and every field before the inner one sees them. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  const level =
    (write: Logger['info']): Logger['info'] =>
    (message, fields) =>
      write(
        redactor.redact(message),
        fields === undefined
          ? undefined
          : (redactor.redactValue(fields) as Readonly<Record<string, unknown>>),
      );
  return {
    debug: level(inner.debug.bind(inner)),
    info: level(inner.info.bind(inner)),
    warn: level(inner.warn.bind(inner)),
    error: level(inner.error.bind(inner)),
  };
}

/** A store that registers every value read from it or written to it with the redactor. */
export function redactingSecretStore(store: SecretStore, redactor: Redactor): SecretStore {
  return {
    get: async (accountId, field) => {
      const value = await store.get(accountId, field);
      if (value !== null) redactor.add(value);
      return value;
    },
    set: (accountId, field, value) => {
      redactor.add(value);
      return store.set(accountId, field, value);
    },
    delete: (accountId, field) => store.delete(accountId, field),
    list: () => store.list(),
  };
}

/**
 * An adapter whose errors, results and log lines are redacted: the secret credentials it is
 * handed are registered first, so a provider that echoes a key back (in an error body, a URL,
 * a Basic header) cannot carry it into a message, a log, the history or the screen.
 */
export function redactingAdapter(adapter: ProviderAdapter, redactor: Redactor): ProviderAdapter {
  const secretKeys = adapter.descriptor.credentialFields.filter((f) => f.secret).map((f) => f.key);
  const guarded =
    <A extends unknown[], R>(call: (ctx: FetchContext, ...rest: A) => Promise<R>) =>
    async (ctx: FetchContext, ...rest: A): Promise<R> => {
      for (const key of secretKeys) {
        const value = ctx.credentials[key];
        if (value !== undefined) redactor.add(value);
      }
      try {
        const logged = { ...ctx, log: redactingLogger(ctx.log, redactor) };
        return redactor.redactStrings(await call(logged, ...rest));
      } catch (error) {
        throw redactError(error, redactor);
      }
    };
  return {
    descriptor: adapter.descriptor,
    checkCredentials: guarded((ctx) => adapter.checkCredentials(ctx)),
    discover: guarded((ctx) => adapter.discover(ctx)),
    fetchUsage: guarded((ctx, range: TimeRange) => adapter.fetchUsage(ctx, range)),
    ...(adapter.fetchThroughput
      ? {
          fetchThroughput: guarded((ctx, window: ThroughputWindow) =>
            adapter.fetchThroughput!(ctx, window),
          ),
        }
      : {}),
  };
}
