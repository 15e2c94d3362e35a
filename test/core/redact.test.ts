import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  Redactor,
  redactError,
  redactingAdapter,
  redactingLogger,
  redactingSecretStore,
} from '../../src-main/core/redact.ts';
import { silentLogger, type Logger } from '../../src-main/core/logger.ts';
import { ProviderError } from '../../src-main/core/provider-error.ts';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';
import type { FetchContext, ProviderAdapter } from '../../src-main/providers/provider.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';

const KEY = 'k3y-9f2c1e7a55b04d3e';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function redactorWith(...secrets: string[]): Redactor {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  return redactor;
}

describe('Redactor', () => {
  it('replaces a registered secret wherever it appears', () => {
    const text = redactorWith(KEY).redact(`GET /usage?api_key=${KEY} failed; key ${KEY} refused`);
    expect(text).toBe(`GET /usage?api_key=${REDACTED} failed; key ${REDACTED} refused`);
  });

  it('catches a Basic auth header whatever surrounds the key (Memset: key as user name)', () => {
    const redactor = redactorWith(KEY);
    for (const header of [
      `Authorization: Basic ${b64(`${KEY}:x`)}`,
      `Authorization: basic ${b64(`${KEY}:`)}`,
      `creds=${b64(`user:${KEY}`)}`,
      `creds=${b64(`ab:${KEY}!`)}`,
    ]) {
      const out = redactor.redact(header);
      expect(out, header).toContain(REDACTED);
      expect(out).not.toContain(b64(`${KEY}:x`).slice(0, 16));
    }
  });

  it('finds the secret inside any base64 text that contains it, at every alignment', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 60 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.boolean(),
        (secret, before, after, urlSafe) => {
          let encoded = b64(`${before}${secret}${after}`);
          if (urlSafe) encoded = encoded.replace(/\+/g, '-').replace(/\//g, '_');
          expect(redactorWith(secret).redact(`x ${encoded} y`)).toContain(REDACTED);
        },
      ),
    );
  });

  it('catches URL, form, JSON and hex encodings of the secret', () => {
    const secret = 'p@ss wörd/+"quoted"';
    const redactor = redactorWith(secret);
    for (const form of [
      encodeURIComponent(secret),
      encodeURIComponent(secret)
        .toLowerCase()
        .replace(/%([0-9a-f]{2})/g, '%$1'),
      new URLSearchParams({ k: secret }).toString().slice(2),
      JSON.stringify(secret),
      Buffer.from(secret).toString('hex'),
    ]) {
      expect(redactor.redact(`value=${form}`), form).toContain(REDACTED);
    }
  });

  it('blanks Basic and Bearer tokens it was never told about, but not the words', () => {
    const redactor = new Redactor();
    expect(redactor.redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x1')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactor.redact(`Basic ${b64('someone:hunter22')}`)).toBe(`Basic ${REDACTED}`);
    expect(redactor.redact('Basic authentication failed for this Bearer token')).toBe(
      'Basic authentication failed for this Bearer token',
    );
  });

  it('leaves very short values alone, so that ordinary words survive', () => {
    const redactor = redactorWith('x', 'ab', 'abc');
    expect(redactor.size).toBe(0);
    expect(redactor.redact('a box of abc')).toBe('a box of abc');
  });

  it('prefers the longest match when one secret contains another', () => {
    const redactor = redactorWith('abcd', 'abcdefgh');
    expect(redactor.redact('[abcdefgh]')).toBe(`[${REDACTED}]`);
  });

  it('copies log fields with secrets and credential-named keys blanked, cycles cut', () => {
    const redactor = redactorWith(KEY);
    const shared = { region: 'jp-east' };
    const fields: Record<string, unknown> = {
      url: `https://api.example/v1?key=${KEY}`,
      headers: { Authorization: 'anything at all', 'x-apitoken': 'tok', accept: 'json' },
      apiKey: 'not registered but named like one',
      error: new ProviderError('auth', `refused ${KEY}`),
      when: new Date(0),
      a: shared,
      b: shared,
    };
    fields.self = fields;
    const copy = redactor.redactValue(fields) as Record<string, unknown>;
    const text = JSON.stringify(copy);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('anything at all');
    expect(text).not.toContain('not registered');
    expect(copy.error).toEqual({
      name: 'ProviderError',
      message: `refused ${REDACTED}`,
      kind: 'auth',
    });
    expect(copy.when).toBe('1970-01-01T00:00:00.000Z');
    expect(copy.b).toEqual({ region: 'jp-east' });
    expect(copy.self).toBe('[circular]');
    expect((copy.headers as Record<string, unknown>).accept).toBe('json');
  });

  it('redacts data strings without touching shapes or key names', () => {
    const scope = { level: 'account', id: KEY };
    const data = { meters: [{ scope, apiKey: 1 }, { scope }] };
    expect(redactorWith(KEY).redactStrings(data)).toEqual({
      meters: [
        { scope: { level: 'account', id: REDACTED }, apiKey: 1 },
        { scope: { level: 'account', id: REDACTED } },
      ],
    });
  });
});

describe('redaction at the edges', () => {
  it('keeps a ProviderError kind, status and retry delay, with its words redacted', () => {
    const error = redactError(
      new ProviderError('rate-limited', `slow down, ${KEY}`, {
        status: 429,
        retryAfterMs: 5000,
        providerMessage: `key ${KEY} over quota`,
        cause: new Error(KEY),
      }),
      redactorWith(KEY),
    ) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect([error.kind, error.status, error.retryAfterMs]).toEqual(['rate-limited', 429, 5000]);
    expect(`${error.message} ${error.providerMessage}`).not.toContain(KEY);
    expect(error.cause).toBeUndefined();
  });

  it('logs through the redactor: message and fields', () => {
    const lines: string[] = [];
    const sink: Logger = {
      debug: (m, f) => lines.push(JSON.stringify([m, f])),
      info: (m, f) => lines.push(JSON.stringify([m, f])),
      warn: (m, f) => lines.push(JSON.stringify([m, f])),
      error: (m, f) => lines.push(JSON.stringify([m, f])),
    };
    const log = redactingLogger(sink, redactorWith(KEY));
    log.warn(`request with ${KEY}`, { header: `Basic ${b64(`${KEY}:x`)}` });
    log.info('no fields');
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(KEY);
    expect(lines.join('\n')).not.toContain(b64(`${KEY}:x`));
  });

  it('learns every secret read from or written to the store', async () => {
    const redactor = new Redactor();
    const store = redactingSecretStore(
      new MemorySecretStore({ a: { apiKey: 'stored-secret-1' } }),
      redactor,
    );
    await store.get('a', 'apiKey');
    await store.set('b', 'apiKey', 'written-secret-2');
    expect(redactor.redact('stored-secret-1 written-secret-2')).toBe(`${REDACTED} ${REDACTED}`);
    expect(await store.list()).toEqual([
      { accountId: 'a', field: 'apiKey' },
      { accountId: 'b', field: 'apiKey' },
    ]);
  });

  it('wraps an adapter that echoes its key: the error keeps its kind and loses the key', async () => {
    const leaky: ProviderAdapter = {
      ...demoAdapter,
      descriptor: ProviderDescriptorSchema.parse({
        ...demoAdapter.descriptor,
        credentialFields: [{ key: 'apiKey', label: 'API key', secret: true }],
      }),
      checkCredentials: (ctx) =>
        Promise.reject(new ProviderError('auth', `key ${ctx.credentials.apiKey} is not valid`)),
    };
    const redactor = new Redactor();
    const wrapped = redactingAdapter(leaky, redactor);
    const ctx = { credentials: { apiKey: KEY }, log: silentLogger } as unknown as FetchContext;
    const error = (await wrapped.checkCredentials(ctx).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(`key ${REDACTED} is not valid`);
    expect('fetchThroughput' in wrapped).toBe(false);
  });
});
