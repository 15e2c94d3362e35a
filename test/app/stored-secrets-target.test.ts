import { describe, expect, it, onTestFinished } from 'vitest';
import type { Account } from '../../src-shared/domain/account.ts';
import type { AccountDraft } from '../../src-shared/ipc/contract.ts';
import { FakeServer } from '../fakes/fake-server.ts';
import { startAppHarness } from '../support/app-harness.ts';

/**
 * A window (a compromised renderer, say) must not get the keychain's secrets sent to a server
 * of its choosing by editing a draft's base URL or provider: stored secrets are used only for
 * the account they were stored for, at the address they were stored for.
 */

async function setUp() {
  const h = await startAppHarness({ fakes: ['idcf'], configure: true });
  onTestFinished(() => h.close());
  // Stands in for the attacker's server: it answers anything, and records what reached it.
  const attacker = await FakeServer.start(() => ({ json: {} }));
  onTestFinished(() => attacker.close());
  const saved = h.services.config.current.accounts.find((a) => a.id === 'idcf')!;
  const elsewhere: Account = { ...saved, baseUrl: attacker.baseUrl };
  const draft = (account: Account, secrets: Record<string, string> = {}): AccountDraft => ({
    account,
    secrets,
    isNew: false,
  });
  return { h, attacker, saved, elsewhere, draft, fake: h.fakes.get('idcf')! };
}

describe('stored secrets go only where they were stored for', () => {
  it('Test connection to another base URL uses none of them and names the fields to enter', async () => {
    const { h, attacker, elsewhere, draft } = await setUp();
    const test = await h.handlers['accounts:test'](draft(elsewhere));
    expect(test).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(!test.ok && test.message).toMatch(/apiKey, secretKey/);
    expect(!test.ok && test.message).toMatch(/base URL/);
    // A trailing slash is the same address; another provider is another address.
    const memset: Account = { ...elsewhere, provider: 'memset', options: {} };
    expect(await h.handlers['accounts:test'](draft(memset))).toMatchObject({ ok: false });
    expect(attacker.requests).toEqual([]);
  });

  it('discovery at another base URL uses none of them', async () => {
    const { h, attacker, elsewhere, draft } = await setUp();
    await expect(h.handlers['accounts:discover'](draft(elsewhere))).rejects.toThrow(
      /account "idcf": .*apiKey, secretKey/,
    );
    expect(attacker.requests).toEqual([]);
  });

  it('saving another base URL wants the secrets again, so no poll sends the old ones there', async () => {
    const { h, attacker, elsewhere, draft } = await setUp();
    await expect(h.handlers['accounts:save'](draft(elsewhere))).rejects.toThrow(
      /account "idcf": .*apiKey, secretKey/,
    );
    expect(h.services.config.current.accounts[0]!.baseUrl).not.toBe(attacker.baseUrl);
    await h.handlers['usage:refresh']('idcf');
    expect(attacker.requests).toEqual([]);
  });

  it('the saved account at its own address still uses them, and typed-in ones go anywhere', async () => {
    const { h, attacker, saved, elsewhere, draft, fake } = await setUp();
    const withSlash = { ...saved, baseUrl: `${saved.baseUrl!}/` };
    expect(await h.handlers['accounts:test'](draft(withSlash))).toMatchObject({ ok: true });
    const typed = { apiKey: 'A'.repeat(86), secretKey: 'B'.repeat(86) };
    await h.handlers['accounts:test'](draft(elsewhere, typed));
    expect(attacker.requests.length).toBeGreaterThan(0);
    const stored = [fake.credentials.apiKey!, fake.credentials.secretKey!];
    for (const request of attacker.requests)
      for (const secret of stored) expect(JSON.stringify(request)).not.toContain(secret);
  });
});
