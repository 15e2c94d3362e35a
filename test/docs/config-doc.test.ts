import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src-main/core/config-validation.ts';
import { providerRegistry } from '../../src-main/providers/index.ts';

/** Every account example in docs/config.md is a config the app accepts, for every provider. */
describe('docs/config.md', () => {
  it('gives a valid example account for every provider', async () => {
    const doc = await readFile(new URL('../../docs/config.md', import.meta.url), 'utf8');
    const accounts = [...doc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]!) as { provider?: string })
      .filter((example) => typeof example.provider === 'string');
    expect(accounts.map((a) => a.provider).sort()).toEqual(
      providerRegistry.adapters.map((a) => a.descriptor.id).sort(),
    );
    const result = validateConfig({ version: 1, accounts }, providerRegistry.descriptorFor);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
