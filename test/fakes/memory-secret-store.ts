import { parseEntryName, type SecretEntry, type SecretStore } from '../../src-main/core/secrets.ts';

/** An in-memory keychain for unit tests; `entries` shows exactly what was stored. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();

  constructor(initial: Record<string, Record<string, string>> = {}) {
    for (const [account, fields] of Object.entries(initial)) {
      for (const [field, value] of Object.entries(fields))
        this.entries.set(`${account}/${field}`, value);
    }
  }

  get(accountId: string, field: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(`${accountId}/${field}`) ?? null);
  }

  set(accountId: string, field: string, value: string): Promise<void> {
    this.entries.set(`${accountId}/${field}`, value);
    return Promise.resolve();
  }

  delete(accountId: string, field: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(`${accountId}/${field}`));
  }

  list(): Promise<SecretEntry[]> {
    return Promise.resolve(
      [...this.entries.keys()].map(parseEntryName).filter((e): e is SecretEntry => e !== null),
    );
  }
}
