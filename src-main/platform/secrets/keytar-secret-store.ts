import type { SecretStore } from '../../core/secrets.ts';

/** The keychain service name every entry of this app is filed under. */
export const KEYCHAIN_SERVICE = 'Cloudmeter';

/** The part of keytar's API this app uses. */
interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, Secret Service on
 * Linux). One entry per account and field, named `<account-id>/<field>`. keytar is loaded on
 * first use so that commands which need no secret never touch the native module.
 */
export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  let keytar: Promise<KeytarApi> | undefined;
  const load = () => (keytar ??= import('keytar').then((m): KeytarApi => m.default));
  const entry = (accountId: string, field: string) => `${accountId}/${field}`;
  return {
    get: async (accountId, field) => (await load()).getPassword(service, entry(accountId, field)),
    set: async (accountId, field, value) =>
      (await load()).setPassword(service, entry(accountId, field), value),
    delete: async (accountId, field) =>
      (await load()).deletePassword(service, entry(accountId, field)),
  };
}
