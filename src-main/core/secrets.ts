/**
 * Where credentials live. The app's implementation is the OS keychain
 * (src-main/platform/secrets/); tests use the in-memory one; headless CLI runs may read
 * environment variables instead, when the user asks for it. Keys are per account and field.
 */
export interface SecretStore {
  get(accountId: string, field: string): Promise<string | null>;
  set(accountId: string, field: string, value: string): Promise<void>;
  /** Resolves true if something was deleted. */
  delete(accountId: string, field: string): Promise<boolean>;
  /** This app's entries (never their values), in no particular order. */
  list(): Promise<SecretEntry[]>;
}

export interface SecretEntry {
  readonly accountId: string;
  readonly field: string;
}

/**
 * Why a store could not do what was asked. Every one is a message the user can act on: what to
 * install, what to unlock; none of them ever falls back to keeping a secret somewhere else.
 */
export type SecretStoreProblem =
  /** No keychain at all: no Secret Service on Linux, the native module missing. */
  | 'unavailable'
  /** The keychain exists but is locked. */
  | 'locked'
  /** The user cancelled the unlock prompt or denied access. */
  | 'denied'
  /** The source can only be read (environment variables). */
  | 'read-only'
  /** Anything else the keychain reported. */
  | 'failed';

export class SecretStoreError extends Error {
  readonly problem: SecretStoreProblem;

  constructor(problem: SecretStoreProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
    this.problem = problem;
  }
}

export function isSecretStoreError(error: unknown): error is SecretStoreError {
  return error instanceof SecretStoreError;
}

/** `<account-id>/<field>`: the name of one entry in a keychain. Account ids never hold "/". */
export function entryName(accountId: string, field: string): string {
  return `${accountId}/${field}`;
}

/** The reverse of entryName; null for a name this app did not write. */
export function parseEntryName(name: string): SecretEntry | null {
  const slash = name.lastIndexOf('/');
  if (slash <= 0 || slash === name.length - 1) return null;
  return { accountId: name.slice(0, slash), field: name.slice(slash + 1) };
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
