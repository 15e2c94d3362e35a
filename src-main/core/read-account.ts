import type { Account } from '../../src-shared/domain/account.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import { type AccountStatus, type ProviderUsage } from '../../src-shared/domain/usage.ts';
import type { FetchContext, ProviderAdapter, TimeRange } from '../providers/provider.ts';
import type { Clock } from './clock.ts';
import { checkProviderUsage } from './usage-check.ts';
import type { HttpClient } from './http.ts';
import type { Logger } from './logger.ts';
import { ProviderError, isProviderError } from './provider-error.ts';
import { isSecretStoreError, readSecrets, type SecretStore } from './secrets.ts';

export interface ReadDeps {
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly log: Logger;
}

export type AccountReading =
  | { readonly ok: true; readonly usage: ProviderUsage; readonly fetchedAt: Instant }
  | {
      readonly ok: false;
      readonly status: Extract<AccountStatus, { state: 'error' | 'needs-credentials' }>;
      readonly at: Instant;
    };

/** Resolves the credentials an adapter needs: secret fields from the store, others from options. */
export async function resolveCredentials(
  adapter: ProviderAdapter,
  account: Account,
  secrets: SecretStore,
): Promise<{ credentials: Record<string, string>; missing: string[] }> {
  const fields = adapter.descriptor.credentialFields;
  const stored = await readSecrets(
    secrets,
    account.id,
    fields.filter((f) => f.secret).map((f) => f.key),
  );
  const credentials: Record<string, string> = { ...stored };
  for (const field of fields.filter((f) => !f.secret)) {
    const value = account.options[field.key];
    if (typeof value === 'string' && value !== '') credentials[field.key] = value;
  }
  const missing = fields
    .filter((f) => f.required && credentials[f.key] === undefined)
    .map((f) => f.key);
  return { credentials, missing };
}

/**
 * Where an account's requests go: its base URL override, else its provider's default, without
 * a trailing slash. Two accounts with the same provider and this address reach the same server.
 */
export function effectiveBaseUrl(
  account: Pick<Account, 'baseUrl'>,
  descriptor: Pick<ProviderAdapter['descriptor'], 'defaultBaseUrl'>,
): string {
  return (account.baseUrl ?? descriptor.defaultBaseUrl).replace(/\/+$/, '');
}

export function fetchContext(
  deps: ReadDeps,
  adapter: ProviderAdapter,
  account: Account,
  credentials: Record<string, string>,
  signal: AbortSignal,
): FetchContext {
  return {
    account,
    baseUrl: effectiveBaseUrl(account, adapter.descriptor),
    credentials,
    http: deps.http,
    clock: deps.clock,
    signal,
    log: deps.log,
  };
}

/** Turns anything an adapter threw into a ProviderError the user can read. */
export function asProviderError(error: unknown, account: Account): ProviderError {
  if (isProviderError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    'bad-response',
    `account "${account.id}": could not read usage: ${detail}`,
    { cause: error },
  );
}

/**
 * Reads one account once: credentials, the adapter call, validation of what it returned.
 * Never throws for a provider problem: the result says what went wrong, so one failing
 * account cannot stop the others.
 */
export async function readAccount(
  deps: ReadDeps,
  adapter: ProviderAdapter,
  account: Account,
  range: TimeRange,
  signal: AbortSignal,
): Promise<AccountReading> {
  let resolved: Awaited<ReturnType<typeof resolveCredentials>>;
  try {
    resolved = await resolveCredentials(adapter, account, deps.secrets);
  } catch (error) {
    // A locked or missing keychain is this account's problem to show, not a reason to stop
    // reading the others; its message says what to install or unlock.
    if (!isSecretStoreError(error)) throw error;
    return {
      ok: false,
      status: { state: 'error', kind: 'auth', message: error.message, retryAt: null },
      at: deps.clock.now(),
    };
  }
  const { credentials, missing } = resolved;
  if (missing.length > 0) {
    return { ok: false, status: { state: 'needs-credentials', missing }, at: deps.clock.now() };
  }
  try {
    const raw = await adapter.fetchUsage(
      fetchContext(deps, adapter, account, credentials, signal),
      range,
    );
    const checked = checkProviderUsage(raw);
    if (!checked.ok) {
      throw new ProviderError(
        'bad-response',
        `${adapter.descriptor.displayName} adapter returned invalid usage: ${checked.problems.join('; ')}`,
      );
    }
    return { ok: true, usage: checked.usage, fetchedAt: deps.clock.now() };
  } catch (error) {
    if (signal.aborted) throw error;
    const failure = asProviderError(error, account);
    deps.log.warn('account read failed', {
      account: account.id,
      kind: failure.kind,
      message: failure.message,
    });
    const now = deps.clock.now();
    return {
      ok: false,
      status: {
        state: 'error',
        kind: failure.kind,
        message: failure.message,
        retryAt: failure.retryAfterMs === null ? null : now + failure.retryAfterMs,
      },
      at: now,
    };
  }
}
