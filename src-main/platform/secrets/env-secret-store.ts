import { SecretStoreError, type SecretStore } from '../../core/secrets.ts';

export const SECRET_ENV_PREFIX = 'CLOUDMETER_SECRET_';

/**
 * The variable that holds one secret for headless runs: `CLOUDMETER_SECRET_<ACCOUNT>_<FIELD>`,
 * the account id upper-cased with every character other than a letter or digit turned into
 * "_", and the field's camelCase split by "_": account `idcf-main`, field `secretKey` →
 * `CLOUDMETER_SECRET_IDCF_MAIN_SECRET_KEY`.
 */
export function secretEnvName(accountId: string, field: string): string {
  const account = accountId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const key = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `${SECRET_ENV_PREFIX}${account}_${key}`;
}

/**
 * A read-only secret source for cron jobs and servers that have no keychain. Used only when the
 * user asks for it (`--secrets-from-env`), never as a fallback. It can neither store nor
 * delete, and it cannot list: a variable's name does not say where the account id ends.
 */
export function createEnvSecretStore(
  env: Readonly<Record<string, string | undefined>>,
): SecretStore {
  const readOnly = (accountId: string, field: string) =>
    new SecretStoreError(
      'read-only',
      `Credentials come from environment variables (--secrets-from-env), which Cloudmeter cannot change: set ${secretEnvName(accountId, field)} in the job's environment, or run without --secrets-from-env to use the OS keychain.`,
    );
  return {
    get: (accountId, field) => {
      const value = env[secretEnvName(accountId, field)];
      return Promise.resolve(value === undefined || value === '' ? null : value);
    },
    set: (accountId, field) => Promise.reject(readOnly(accountId, field)),
    delete: (accountId, field) => Promise.reject(readOnly(accountId, field)),
    list: () => Promise.resolve([]),
  };
}
