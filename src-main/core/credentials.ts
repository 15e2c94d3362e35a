import type { Account } from '../../src-shared/domain/account.ts';
import type { ProviderErrorKind } from '../../src-shared/domain/errors.ts';
import type {
  CredentialFieldSpec,
  ProviderDescriptor,
} from '../../src-shared/domain/provider-descriptor.ts';
import type { ProviderAdapter } from '../providers/provider.ts';
import type { Clock } from './clock.ts';
import type { HttpClient } from './http.ts';
import type { Logger } from './logger.ts';
import { asProviderError, fetchContext, resolveCredentials } from './read-account.ts';
import type { Redactor } from './redact.ts';
import type { SecretStore } from './secrets.ts';

/**
 * The credentials of accounts, as the CLI and the app's settings see them: which secret fields
 * are stored (never their values), storing them after the provider accepted them, deleting
 * them. There is deliberately no way to read a secret back through this service.
 */

export interface CredentialsDeps {
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly log: Logger;
  /** Every secret handed to the service is registered here before anything can echo it. */
  readonly redactor: Redactor;
}

export interface SecretFieldStatus {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly present: boolean;
}

export interface CredentialStatus {
  readonly accountId: string;
  /** The provider's secret fields, in the descriptor's order. */
  readonly fields: readonly SecretFieldStatus[];
  /** Required secret fields that are not stored. */
  readonly missing: readonly string[];
}

export type CredentialCheckOutcome =
  | { readonly state: 'ok'; readonly identity: string | null }
  /** The provider (or the way to it) said no; `message` is redacted and names the account. */
  | { readonly state: 'failed'; readonly kind: ProviderErrorKind; readonly message: string }
  /** Not asked: the caller said so, or a required credential is still missing. */
  | {
      readonly state: 'skipped';
      readonly reason: 'not-requested' | 'incomplete';
      readonly missing: readonly string[];
    };

export interface SetSecretsResult {
  /** Fields written to the store; empty when the check failed (then nothing was written). */
  readonly stored: readonly string[];
  readonly check: CredentialCheckOutcome;
}

/** A secret value or field name the user must correct; the message never holds the value. */
export class CredentialInputError extends Error {
  override name = 'CredentialInputError';
}

const MAX_SECRET_LENGTH = 4096;

export function secretFields(descriptor: Pick<ProviderDescriptor, 'credentialFields'>) {
  return descriptor.credentialFields.filter((f) => f.secret);
}

/**
 * The value as it will be stored (surrounding whitespace removed: a pasted key's trailing
 * newline or space is never part of it), or the problem with it. The problem never quotes it.
 */
export function normalizeSecret(
  accountId: string,
  field: CredentialFieldSpec,
  raw: string,
): { ok: true; value: string } | { ok: false; problem: string } {
  const where = `account "${accountId}": ${field.key}`;
  const value = raw.trim();
  if (value === '') return { ok: false, problem: `${where}: is empty` };
  if (value.length > MAX_SECRET_LENGTH)
    return { ok: false, problem: `${where}: is longer than ${MAX_SECRET_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    return { ok: false, problem: `${where}: must be one line without control characters` };
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value))
    return { ok: false, problem: `${where}: does not look like a ${field.label}` };
  return { ok: true, value };
}

export interface CheckOptions {
  readonly signal?: AbortSignal;
  /**
   * Whether stored secrets fill in the fields `supplied` leaves out (the default). False when
   * the request would go elsewhere than where the stored secrets are used: another base URL
   * or provider (see app/draft-secrets.ts); then only `supplied` is sent.
   */
  readonly useStored?: boolean;
}

export interface ResolvedCredentials {
  /** Field → value: secrets (normalised) and the account's non-secret credential options. */
  readonly credentials: Record<string, string>;
  /** Required credential fields that have no value. */
  readonly missing: string[];
}

export interface Credentials {
  /** Which secret fields of the account are stored. Reads the store; returns no value. */
  status(account: Account, descriptor: ProviderDescriptor): Promise<CredentialStatus>;
  /**
   * The credentials a request for the account would carry: `supplied` (field → value, not
   * yet stored; normalised first, a malformed one throws CredentialInputError) over the
   * stored ones. Every secret is registered with the redactor before it is returned.
   */
  resolve(
    account: Account,
    adapter: ProviderAdapter,
    supplied?: Readonly<Record<string, string>>,
    options?: Pick<CheckOptions, 'useStored'>,
  ): Promise<ResolvedCredentials>;
  /**
   * Asks the provider whether the credentials work: the stored ones, with `supplied` (field →
   * value, not yet stored) taking their place. `supplied` is normalised and validated before
   * anything is sent (CredentialInputError), so the value checked is the value stored. Never
   * throws for a provider problem.
   */
  check(
    account: Account,
    adapter: ProviderAdapter,
    supplied?: Readonly<Record<string, string>>,
    options?: CheckOptions,
  ): Promise<CredentialCheckOutcome>;
  /**
   * Validates and stores secret fields. With `check`, the provider is asked first (when every
   * required credential is known) and nothing is stored if it refuses.
   */
  set(
    account: Account,
    adapter: ProviderAdapter,
    values: Readonly<Record<string, string>>,
    options: CheckOptions & { readonly check: boolean },
  ): Promise<SetSecretsResult>;
  /** Deletes one field; resolves false if it was not stored. */
  delete(accountId: string, field: string): Promise<boolean>;
  /** Deletes every entry of the account (also fields no provider lists any more). */
  deleteAll(accountId: string): Promise<string[]>;
  /** `text` with every secret this process has met replaced: for messages that leave it. */
  redact(text: string): string;
}

/** A keychain that holds nothing: for requests that must not carry stored secrets. */
const NOTHING_STORED: SecretStore = {
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('NOTHING_STORED is read-only')),
  delete: () => Promise.resolve(false),
  list: () => Promise.resolve([]),
};

/** A store that answers `supplied` values first and the real store for the rest. */
function overlay(
  store: SecretStore,
  accountId: string,
  supplied: Readonly<Record<string, string>>,
) {
  return {
    ...store,
    get: (id: string, field: string) =>
      id === accountId && supplied[field] !== undefined
        ? Promise.resolve(supplied[field])
        : store.get(id, field),
  } satisfies SecretStore;
}

export function createCredentials(deps: CredentialsDeps): Credentials {
  const validate = (
    account: Account,
    adapter: ProviderAdapter,
    values: Readonly<Record<string, string>>,
  ) => {
    const fields = new Map(secretFields(adapter.descriptor).map((f) => [f.key, f]));
    const clean: Record<string, string> = {};
    const problems: string[] = [];
    for (const [key, raw] of Object.entries(values)) {
      deps.redactor.add(raw.trim());
      const field = fields.get(key);
      if (!field) {
        problems.push(
          `account "${account.id}": ${adapter.descriptor.displayName} has no secret field "${key}"; its secrets: ${[...fields.keys()].join(', ') || 'none'}`,
        );
        continue;
      }
      const result = normalizeSecret(account.id, field, raw);
      if (result.ok) clean[key] = result.value;
      else problems.push(result.problem);
    }
    if (problems.length > 0) throw new CredentialInputError(problems.join('\n'));
    return clean;
  };

  /** `clean` holds values validate() returned. */
  const resolveClean = async (
    account: Account,
    adapter: ProviderAdapter,
    clean: Readonly<Record<string, string>>,
    useStored: boolean,
  ): Promise<ResolvedCredentials> => {
    const stored = useStored ? deps.secrets : NOTHING_STORED;
    const resolved = await resolveCredentials(adapter, account, overlay(stored, account.id, clean));
    for (const field of secretFields(adapter.descriptor)) {
      const value = resolved.credentials[field.key];
      if (value !== undefined) deps.redactor.add(value);
    }
    return resolved;
  };

  const checkClean = async (
    account: Account,
    adapter: ProviderAdapter,
    clean: Readonly<Record<string, string>>,
    options: CheckOptions,
  ): Promise<CredentialCheckOutcome> => {
    const { credentials, missing } = await resolveClean(
      account,
      adapter,
      clean,
      options.useStored ?? true,
    );
    if (missing.length > 0) return { state: 'skipped', reason: 'incomplete', missing };
    try {
      const ctx = fetchContext(
        { http: deps.http, clock: deps.clock, secrets: deps.secrets, log: deps.log },
        adapter,
        account,
        credentials,
        options.signal ?? new AbortController().signal,
      );
      const { identity } = await adapter.checkCredentials(ctx);
      return { state: 'ok', identity: identity === null ? null : deps.redactor.redact(identity) };
    } catch (error) {
      const { kind, message } = asProviderError(error, account);
      const redacted = deps.redactor.redact(message);
      deps.log.warn('credential check failed', { account: account.id, kind, message: redacted });
      return { state: 'failed', kind, message: redacted };
    }
  };

  return {
    async status(account, descriptor) {
      const fields = await Promise.all(
        secretFields(descriptor).map(async (f) => ({
          key: f.key,
          label: f.label,
          required: f.required,
          present: (await deps.secrets.get(account.id, f.key)) !== null,
        })),
      );
      return {
        accountId: account.id,
        fields,
        missing: fields.filter((f) => f.required && !f.present).map((f) => f.key),
      };
    },

    async resolve(account, adapter, supplied = {}, options = {}) {
      const clean = validate(account, adapter, supplied);
      return resolveClean(account, adapter, clean, options.useStored ?? true);
    },

    async check(account, adapter, supplied = {}, options = {}) {
      return checkClean(account, adapter, validate(account, adapter, supplied), options);
    },

    async set(account, adapter, values, options) {
      const clean = validate(account, adapter, values);
      const outcome: CredentialCheckOutcome = options.check
        ? await checkClean(account, adapter, clean, options)
        : { state: 'skipped', reason: 'not-requested', missing: [] };
      if (outcome.state === 'failed') return { stored: [], check: outcome };
      for (const [key, value] of Object.entries(clean))
        await deps.secrets.set(account.id, key, value);
      deps.log.info('credentials stored', { account: account.id, fields: Object.keys(clean) });
      return { stored: Object.keys(clean), check: outcome };
    },

    delete: (accountId, field) => deps.secrets.delete(accountId, field),

    async deleteAll(accountId) {
      const entries = (await deps.secrets.list())
        .filter((e) => e.accountId === accountId)
        .sort((a, b) => a.field.localeCompare(b.field));
      const deleted: string[] = [];
      for (const entry of entries)
        if (await deps.secrets.delete(accountId, entry.field)) deleted.push(entry.field);
      if (deleted.length > 0)
        deps.log.info('credentials deleted', { account: accountId, fields: deleted });
      return deleted;
    },

    redact: (text) => deps.redactor.redact(text),
  };
}
