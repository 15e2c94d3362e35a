import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, SECRET_KEY_PATTERN } from '../../../src-shared/domain/config.ts';

async function publishedConfigSchema() {
  const schema = JSON.parse(
    await readFile(new URL('../../../docs/config.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const withOptions = (options: Record<string, unknown>) => ({
  version: 1,
  accounts: [{ id: 'main', provider: 'idcf', label: 'Main', options }],
});

describe('the config schema', () => {
  it('refuses a key named like a secret in an account, saying where the secret belongs', () => {
    const result = ConfigSchema.safeParse(withOptions({ region: 'jp-east', apiKey: 'AAAA' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['accounts', 0, 'options', 'apiKey'],
        message: expect.stringContaining('cloudmeter secret set main apiKey') as string,
      }),
    ]);
    expect(JSON.stringify(result.error?.issues)).not.toContain('AAAA');
    expect(ConfigSchema.safeParse(withOptions({ region: 'jp-east' })).success).toBe(true);
  });

  it('publishes the same refusal in docs/config.schema.json, at any depth', async () => {
    const validate = await publishedConfigSchema();
    expect(validate(withOptions({ region: 'jp-east', userName: 'me' }))).toBe(true);
    for (const key of ['apiKey', 'API_KEY', 'githubToken', 'Password', 'client-secret']) {
      expect(validate(withOptions({ region: 'jp-east', [key]: 'x' })), key).toBe(false);
    }
    const meterAlerts = (meterId: string) => {
      const config = withOptions({});
      Object.assign(config.accounts[0]!, { alerts: { meters: { [meterId]: { muted: true } } } });
      return config;
    };
    expect(validate(meterAlerts('transfer:jp-east'))).toBe(true);
    expect(validate(meterAlerts('api-tokens'))).toBe(false);
  });

  it('lets JSON Schema tools refuse exactly the key names the app refuses', async () => {
    const validate = await publishedConfigSchema();
    const keys = fc.oneof(
      fc.string(),
      fc.constantFrom('secret', 'PassWd', 'password', 'private_key', 'ApiKey', 'api key', 'Token'),
      fc
        .tuple(fc.string(), fc.constantFrom('SeCrEt', 'passphrase', 'credential'), fc.string())
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(keys, (key) => {
        expect(validate(withOptions({ [key]: 'x' }))).toBe(!SECRET_KEY_PATTERN.test(key));
      }),
    );
  });

  it('says what is wrong with the version: missing, or one this Cloudmeter cannot read', () => {
    const problems = (raw: unknown) =>
      ConfigSchema.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({})).toEqual(['version: missing (add "version": 1)']);
    expect(problems({ version: 2 })).toEqual([
      'version: unsupported version 2; this Cloudmeter reads version 1',
    ]);
    expect(problems({ version: '1' })).toEqual([
      'version: unsupported version "1"; this Cloudmeter reads version 1',
    ]);
  });
});
