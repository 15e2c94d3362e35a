/**
 * Runs keychain operations in a process of its own, as the tests require: a keychain call that
 * crashes must crash this child, not the test runner. Usage:
 *   node keychain-child.ts '[["set","acct","apiKey","value"],["get","acct","apiKey"],["list"]]'
 * Prints one JSON array: per operation {value} or {error: {name, problem, message}}.
 * KEYCHAIN_SERVICE_NAME picks the service (default: the app's); KEYCHAIN_UNLOCK=prompt lets
 * the store ask the Secret Service to unlock. RAW_KEYTAR=1 calls keytar directly, unguarded.
 */
import keytar from 'keytar';
import { isSecretStoreError, type SecretEntry } from '../../../src-main/core/secrets.ts';
import { createKeytarSecretStore } from '../../../src-main/platform/secrets/keytar-secret-store.ts';

type Op = [string, ...string[]];
const ops = JSON.parse(process.argv[2] ?? '[]') as Op[];
const service = process.env.KEYCHAIN_SERVICE_NAME;
const store = createKeytarSecretStore({
  ...(service ? { service } : {}),
  unlock: process.env.KEYCHAIN_UNLOCK === 'prompt' ? 'prompt' : 'never',
  promptTimeoutMs: 5_000,
});

const sortEntries = (entries: SecretEntry[]) =>
  entries.map((e) => `${e.accountId}/${e.field}`).sort();

async function run([op, a = '', b = '', c = '']: Op): Promise<unknown> {
  if (process.env.RAW_KEYTAR === '1') {
    if (op === 'list') return (await keytar.findCredentials(service ?? 'Cloudmeter')).length;
    if (op === 'get') return keytar.getPassword(service ?? 'Cloudmeter', `${a}/${b}`);
  }
  switch (op) {
    case 'set':
      return store.set(a, b, c);
    case 'get':
      return store.get(a, b);
    case 'delete':
      return store.delete(a, b);
    case 'list':
      return sortEntries(await store.list());
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

const results: unknown[] = [];
for (const op of ops) {
  try {
    results.push({ value: (await run(op)) ?? null });
  } catch (error) {
    results.push({
      error: {
        name: error instanceof Error ? error.name : 'thrown',
        problem: isSecretStoreError(error) ? error.problem : null,
        message: error instanceof Error ? error.message : String(error),
      },
    });
  }
}
process.stdout.write(JSON.stringify(results));
