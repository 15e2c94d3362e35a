import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCredentials,
  CredentialInputError,
  normalizeSecret,
  type Credentials,
} from '../../src-main/core/credentials.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import { REDACTED, Redactor } from '../../src-main/core/redact.ts';
import { AccountSchema, type Account } from '../../src-shared/domain/account.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import type { ProviderFake } from '../fakes/provider-fake.ts';
import { ECHO_GOOD, echoAdapter, startEchoFake } from '../security/echo-provider.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { testHttpClient } from '../support/http.ts';

let fake: ProviderFake;
beforeAll(async () => {
  fake = await startEchoFake();
});
afterAll(() => fake.close());

function setup(initial: Record<string, Record<string, string>> = {}) {
  const store = new MemorySecretStore(initial);
  const redactor = new Redactor();
  const credentials: Credentials = createCredentials({
    secrets: store,
    http: testHttpClient(),
    clock: new FakeClock('2026-11-21T12:00:00Z'),
    log: silentLogger,
    redactor,
  });
  const account: Account = AccountSchema.parse(fake.account('echo'));
  return { store, redactor, credentials, account };
}

describe('credentials', () => {
  it('reports which secret fields are stored, and never their values', async () => {
    const { credentials, account } = setup({ echo: { apiKey: ECHO_GOOD.apiKey } });
    const status = await credentials.status(account, echoAdapter.descriptor);
    expect(status).toEqual({
      accountId: 'echo',
      fields: [
        { key: 'apiKey', label: 'API key', required: true, present: true },
        { key: 'apiSecret', label: 'API secret', required: true, present: false },
      ],
      missing: ['apiSecret'],
    });
    expect(JSON.stringify(status)).not.toContain(ECHO_GOOD.apiKey);
  });

  it('asks the provider first and stores nothing when it refuses, in words without the key', async () => {
    const { credentials, account, store } = setup();
    const wrong = { apiKey: 'EK-wrong-0000000000000000', apiSecret: 'ES-wrong-secret-000' };
    const result = await credentials.set(account, echoAdapter, wrong, { check: true });
    expect(result.stored).toEqual([]);
    expect(result.check).toMatchObject({ state: 'failed', kind: 'auth' });
    const message = result.check.state === 'failed' ? result.check.message : '';
    expect(message).toContain('Echo whoami: credentials rejected (HTTP 401): invalid credentials');
    expect(message).toContain(REDACTED);
    for (const secret of Object.values(wrong)) expect(message).not.toContain(secret);
    expect(store.entries.size).toBe(0);
  });

  it('stores the secrets once the provider accepted them, and says who they belong to', async () => {
    const { credentials, account, store } = setup();
    const result = await credentials.set(
      account,
      echoAdapter,
      { apiKey: ECHO_GOOD.apiKey, apiSecret: ECHO_GOOD.apiSecret },
      { check: true },
    );
    expect(result).toEqual({
      stored: ['apiKey', 'apiSecret'],
      check: { state: 'ok', identity: `echo-user (${REDACTED})` },
    });
    expect(Object.fromEntries(store.entries)).toEqual({
      'echo/apiKey': ECHO_GOOD.apiKey,
      'echo/apiSecret': ECHO_GOOD.apiSecret,
    });
  });

  it('stores the first of two secrets unchecked, then checks the pair with the stored one', async () => {
    const { credentials, account, store } = setup();
    const first = await credentials.set(
      account,
      echoAdapter,
      { apiKey: ECHO_GOOD.apiKey },
      { check: true },
    );
    expect(first.check).toEqual({ state: 'skipped', reason: 'incomplete', missing: ['apiSecret'] });
    expect(store.entries.get('echo/apiKey')).toBe(ECHO_GOOD.apiKey);
    const requests = fake.server.requests.length;
    const second = await credentials.set(
      account,
      echoAdapter,
      { apiSecret: ECHO_GOOD.apiSecret },
      { check: true },
    );
    expect(second.check.state).toBe('ok');
    expect(fake.server.requests.length).toBe(requests + 1);
  });

  it('replaces a stored secret only when the new one works', async () => {
    const { credentials, account, store } = setup({ echo: { ...ECHO_GOOD } });
    const refused = await credentials.set(
      account,
      echoAdapter,
      { apiKey: 'EK-typo-1234567890' },
      { check: true },
    );
    expect(refused.check.state).toBe('failed');
    expect(store.entries.get('echo/apiKey')).toBe(ECHO_GOOD.apiKey);
    const unchecked = await credentials.set(
      account,
      echoAdapter,
      { apiKey: 'EK-offline-123456' },
      { check: false },
    );
    expect(unchecked.check).toEqual({ state: 'skipped', reason: 'not-requested', missing: [] });
    expect(store.entries.get('echo/apiKey')).toBe('EK-offline-123456');
  });

  it('trims a pasted value and refuses empty, multi-line, unknown or malformed ones without quoting them', async () => {
    const { credentials, account, store } = setup();
    await credentials.set(
      account,
      echoAdapter,
      { apiKey: `  ${ECHO_GOOD.apiKey}\n` },
      { check: false },
    );
    expect(store.entries.get('echo/apiKey')).toBe(ECHO_GOOD.apiKey);
    const bad = async (values: Record<string, string>) =>
      (await credentials
        .set(account, echoAdapter, values, { check: false })
        .catch((e: unknown) => e)) as Error;
    const multi = await bad({ apiKey: 'line-one-secret\nline-two-secret' });
    expect(multi).toBeInstanceOf(CredentialInputError);
    expect(multi.message).toBe(
      'account "echo": apiKey: must be one line without control characters',
    );
    expect((await bad({ apiSecret: '   ' })).message).toBe('account "echo": apiSecret: is empty');
    const unknown = await bad({ userName: 'someone-else' });
    expect(unknown.message).toContain(
      'has no secret field "userName"; its secrets: apiKey, apiSecret',
    );
    expect(unknown.message).not.toContain('someone-else');
    const field = {
      key: 'apiKey',
      label: 'API key',
      secret: true,
      pattern: '[A-Za-z0-9-]{86}',
    } as const;
    expect(
      normalizeSecret(
        'idcf',
        { ...field, input: 'text', required: true, discover: false },
        'short-one',
      ),
    ).toEqual({
      ok: false,
      problem: 'account "idcf": apiKey: does not look like a API key',
    });
  });

  it('deletes one field, or every entry of an account (in field order), and leaves other accounts alone', async () => {
    const { credentials, store } = setup({
      echo: { legacyToken: 'a-secret-3', apiKey: 'a-secret-1', apiSecret: 'a-secret-2' },
      other: { apiKey: 'b-secret-1' },
    });
    expect(await credentials.delete('echo', 'apiSecret')).toBe(true);
    expect(await credentials.delete('echo', 'apiSecret')).toBe(false);
    expect(await credentials.deleteAll('echo')).toEqual(['apiKey', 'legacyToken']);
    expect([...store.entries.keys()]).toEqual(['other/apiKey']);
  });
});
