import type { Account } from '../../src-shared/domain/account.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import { effectiveBaseUrl } from '../core/read-account.ts';

/**
 * Which stored secrets a draft from the window may use. The window is never trusted with a
 * secret, and it can send a draft with any base URL or provider: if the keychain filled in
 * that draft's secrets, a stored key would go to a server of the window's choosing (at once for
 * Test connection and discovery, at the next poll for a saved account). So the keychain fills in
 * a draft only when it is the saved account at the same address: same provider, same effective
 * base URL. Any other draft carries every secret it needs itself.
 */
export function mayUseStoredSecrets(
  saved: Account | undefined,
  draft: Account,
  descriptor: Pick<ProviderDescriptor, 'defaultBaseUrl'>,
): boolean {
  return (
    saved !== undefined &&
    saved.provider === draft.provider &&
    effectiveBaseUrl(saved, descriptor) === effectiveBaseUrl(draft, descriptor)
  );
}

/** What to tell the user when a draft that may not use the keychain lacks `fields`. */
export function enterSecretsMessage(accountId: string, fields: readonly string[]): string {
  return `account "${accountId}": enter ${fields.join(', ')}: stored secrets are used only for the saved account, at its own provider and base URL`;
}
