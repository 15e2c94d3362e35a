import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src-main/core/config-validation.ts';
import { seewebAdapter } from '../../../src-main/providers/seeweb/seeweb.adapter.ts';

const descriptorFor = () => seewebAdapter.descriptor;

/** The JSON example account of docs/providers/seeweb.md. */
async function documentedAccount(): Promise<Record<string, unknown>> {
  const doc = await readFile(new URL('../../../docs/providers/seeweb.md', import.meta.url), 'utf8');
  const block = /## Example\s+```json\n([\s\S]*?)```/.exec(doc);
  expect(block, 'the doc has a JSON example').not.toBeNull();
  return JSON.parse(block![1]!) as Record<string, unknown>;
}

describe('Seeweb account configuration', () => {
  it('accepts the example account from the provider doc, budget included', async () => {
    const result = validateConfig(
      { version: 1, accounts: [await documentedAccount()] },
      descriptorFor,
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('refuses a currency that is not an ISO code, naming the field', async () => {
    const account = { ...(await documentedAccount()), options: { currency: 'euro' } };
    const result = validateConfig({ version: 1, accounts: [account] }, descriptorFor);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems.join()).toContain('options.currency');
  });

  it('refuses the token in the config file and says where it belongs', async () => {
    const account = { ...(await documentedAccount()), options: { apiToken: 'abc123abc123' } };
    const result = validateConfig({ version: 1, accounts: [account] }, descriptorFor);
    expect(result.ok ? '' : result.problems.join()).toContain(
      'cloudmeter secret set seeweb apiToken',
    );
  });
});
