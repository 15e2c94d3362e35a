/**
 * Where credentials live. The app's implementation is the OS keychain
 * (src-main/platform/secrets/); tests use the in-memory one. Keys are per account and field.
 */
export interface SecretStore {
  get(accountId: string, field: string): Promise<string | null>;
  set(accountId: string, field: string, value: string): Promise<void>;
  /** Resolves true if something was deleted. */
  delete(accountId: string, field: string): Promise<boolean>;
}

/** Reads every listed field of one account; missing ones are left out. */
export async function readSecrets(
  store: SecretStore,
  accountId: string,
  fields: readonly string[],
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    fields.map(async (field) => [field, await store.get(accountId, field)] as const),
  );
  return Object.fromEntries(entries.filter((e): e is readonly [string, string] => e[1] !== null));
}
