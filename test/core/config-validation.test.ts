import { describe, expect, it } from 'vitest';
import { validateConfig, validateConfigText } from '../../src-main/core/config-validation.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';

/** A provider with a secret, an identifier and an option, to validate accounts against. */
const keyed: ProviderDescriptor = ProviderDescriptorSchema.parse({
  ...demoAdapter.descriptor,
  id: 'idcf',
  displayName: 'Keyed',
  demo: false,
  minPollMinutes: 30,
  credentialFields: [
    { key: 'apiKey', label: 'API key', secret: true },
    { key: 'userName', label: 'User name', secret: false },
  ],
  optionFields: [
    {
      key: 'region',
      label: 'Region',
      input: 'select',
      choices: [{ value: 'jp-east', label: 'East' }],
    },
  ],
});
const lookup = (id: string) =>
  id === 'idcf' ? keyed : id === 'demo' ? demoAdapter.descriptor : undefined;

const account = (extra: Record<string, unknown> = {}) => ({
  id: 'main',
  provider: 'idcf',
  label: 'Main',
  options: { region: 'jp-east', userName: 'me' },
  ...extra,
});

describe('config validation', () => {
  it('accepts a valid config and fills in defaults', () => {
    const result = validateConfig({ version: 1, accounts: [account()] }, lookup);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.alerts.thresholds).toEqual({ warningPercent: 80, criticalPercent: 95 });
    expect(result.config.accounts[0]!.enabled).toBe(true);
    expect(result.config.preferences.units).toBe('si');
  });

  it('names the account and the field for an unknown provider, in one line', () => {
    const result = validateConfig({ version: 1, accounts: [account({ provider: 'aws' })] }, lookup);
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^account "main" \(accounts\[0\]\): provider: unknown provider "aws"/,
        ),
      ],
    });
  });

  it('names the account and the field for a missing field, in one line', () => {
    const { label: _label, ...withoutLabel } = account();
    const result = validateConfig({ version: 1, accounts: [withoutLabel] }, lookup);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.stringMatching(/^account "main" \(accounts\[0\]\): label: /),
    ]);
  });

  it('rejects a secret in the config and says where it belongs, in one line', () => {
    const result = validateConfig(
      {
        version: 1,
        accounts: [account({ options: { region: 'jp-east', userName: 'x', apiKey: 'AAAA' } })],
      },
      lookup,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(
      'account "main" (accounts[0]): options.apiKey: looks like a secret',
    );
    expect(result.problems[0]).toContain('cloudmeter secret set main apiKey');
    expect(result.problems[0]).not.toContain('AAAA');
  });

  it('rejects secret-looking keys anywhere, even under made-up names', () => {
    const result = validateConfig(
      { version: 1, accounts: [], preferences: { githubToken: 'x' } },
      lookup,
    );
    expect(!result.ok && result.problems[0]).toMatch(
      /^preferences\.githubToken: looks like a secret/,
    );
  });

  it('reports broken JSON in one line with the position', () => {
    const result = validateConfigText('{"version": 1,, }', lookup);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.stringMatching(/^not valid JSON: .*position/),
    ]);
  });

  it('checks options against the provider descriptor', () => {
    const result = validateConfig(
      { version: 1, accounts: [account({ options: { region: 'mars', userName: 'me' } })] },
      lookup,
    );
    expect(!result.ok && result.problems[0]).toMatch(
      /^account "main" \(accounts\[0\]\): options\.region: /,
    );
  });

  it('refuses a poll interval below the provider minimum', () => {
    const result = validateConfig(
      { version: 1, accounts: [account({ pollIntervalMinutes: 5 })] },
      lookup,
    );
    expect(!result.ok && result.problems[0]).toMatch(
      /pollIntervalMinutes: Keyed allows at most one poll every 30 minutes/,
    );
  });

  it('rejects duplicate account ids and plain http to remote hosts', () => {
    const dup = validateConfig({ version: 1, accounts: [account(), account()] }, lookup);
    expect(!dup.ok && dup.problems[0]).toMatch(/accounts\[1\]\): id: duplicate account id "main"/);
    const http = validateConfig(
      { version: 1, accounts: [account({ baseUrl: 'http://example.com' })] },
      lookup,
    );
    expect(!http.ok && http.problems[0]).toMatch(/baseUrl: must be an https:\/\/ URL/);
    const local = validateConfig(
      { version: 1, accounts: [account({ baseUrl: 'http://127.0.0.1:8080' })] },
      lookup,
    );
    expect(local.ok).toBe(true);
  });
});
