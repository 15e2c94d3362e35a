import {
  entryName,
  parseEntryName,
  type SecretEntry,
  type SecretStore,
} from '../../core/secrets.ts';
import { keytarMissing, keytarProblem } from './keychain-problems.ts';
import { SecretServiceGuard } from './secret-service-guard.ts';

/** The keychain service name every entry of this app is filed under. */
export const KEYCHAIN_SERVICE = 'Cloudmeter';

/** The part of keytar's API this app uses. */
interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface KeytarSecretStoreOptions {
  /** Defaults to KEYCHAIN_SERVICE; tests pass their own. */
  readonly service?: string;
  readonly platform?: NodeJS.Platform;
  /** Where the D-Bus session address is read from on Linux. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A locked keyring on Linux: 'prompt' (default) asks the Secret Service to show its unlock
   * dialog, as libsecret itself would; 'never' fails at once with the "locked" error.
   */
  readonly unlock?: 'prompt' | 'never';
  /** How long to wait for the user to answer the unlock dialog. */
  readonly promptTimeoutMs?: number;
  /** The clock of the unlock prompt's back-off (Date.now unless a test passes its own). */
  readonly now?: () => number;
}

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, the Secret Service
 * on Linux). One entry per account and field, named `<account-id>/<field>`, under one service
 * name, so this app touches only its own entries. keytar is loaded on first use so that
 * commands which need no secret never touch the native module. Every failure is a
 * SecretStoreError that says what to install or unlock; nothing ever falls back to a file.
 */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const guard =
    platform === 'linux'
      ? new SecretServiceGuard({
          env: options.env ?? process.env,
          unlock: options.unlock ?? 'prompt',
          promptTimeoutMs: options.promptTimeoutMs ?? 120_000,
          ...(options.now ? { now: options.now } : {}),
        })
      : null;

  let keytar: Promise<KeytarApi> | undefined;
  const load = () =>
    (keytar ??= import('keytar').then(
      (m): KeytarApi => m.default,
      (error: unknown) => {
        keytar = undefined;
        throw keytarMissing(error);
      },
    ));

  async function call<T>(use: (api: KeytarApi) => Promise<T>): Promise<T> {
    await guard?.ensureReady();
    const api = await load();
    try {
      return await use(api);
    } catch (error) {
      throw keytarProblem(error, platform);
    }
  }

  // Only the user stores, deletes or lists secrets (polls only read): those may show a locked
  // keyring's unlock prompt again even right after it was dismissed.
  const explicitly =
    <A extends unknown[], T>(f: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> => {
      guard?.promptAgain();
      return f(...args);
    };

  return {
    async get(accountId, field) {
      const name = entryName(accountId, field);
      const value = await call((api) => api.getPassword(service, name));
      // libsecret answers "nothing" for an entry it could not unlock.
      if (value === null) await guard?.assertNotLocked(service, name);
      return value;
    },
    set: explicitly((accountId: string, field: string, value: string) =>
      call((api) => api.setPassword(service, entryName(accountId, field), value)),
    ),
    delete: explicitly(async (accountId: string, field: string) => {
      const name = entryName(accountId, field);
      const deleted = await call((api) => api.deletePassword(service, name));
      if (!deleted) await guard?.assertNotLocked(service, name);
      return deleted;
    }),
    list: explicitly(async () => {
      const accounts = guard
        ? await guard.listAccounts(service)
        : (await call((api) => api.findCredentials(service))).map((c) => c.account);
      return accounts.map(parseEntryName).filter((e): e is SecretEntry => e !== null);
    }),
  };
}
