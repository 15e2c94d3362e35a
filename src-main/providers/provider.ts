import type { Account } from '../../src-shared/domain/account.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import type { Choice, ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import type { ThroughputSeries, ThroughputWindow } from '../../src-shared/domain/throughput.ts';
import type { ProviderUsageInput } from '../../src-shared/domain/usage.ts';
import type { Clock } from '../core/clock.ts';
import type { HttpClient } from '../core/http.ts';
import type { Logger } from '../core/logger.ts';
import { ProviderError } from '../core/provider-error.ts';

/**
 * Everything an adapter may use, handed in by the core: adapters never read the keychain,
 * the config file or the real clock themselves, and make every request through `http`.
 */
export interface FetchContext {
  readonly account: Account;
  /** The account's base URL override, or the provider's default, without a trailing slash. */
  readonly baseUrl: string;
  /** Credential field → value: secret ones from the keychain, the others from the options. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/** Half-open [start, end). */
export interface TimeRange {
  readonly start: Instant;
  readonly end: Instant;
}

export interface CredentialCheck {
  /** Who the credentials belong to, as the provider names it (account id, user), if it says. */
  readonly identity: string | null;
}

/** Option field key → the values the provider lists for it (regions, services, domains...). */
export type Discovery = Readonly<Record<string, readonly Choice[]>>;

/**
 * One provider's API, behind one interface. Every method throws ProviderError on failure,
 * never returns partial data silently, and validates what the provider sends.
 */
export interface ProviderAdapter {
  readonly descriptor: ProviderDescriptor;
  /** The cheapest authenticated call: run before credentials are stored. */
  checkCredentials(ctx: FetchContext): Promise<CredentialCheck>;
  /** Lists the values of the descriptor's `discover: true` option fields. */
  discover(ctx: FetchContext): Promise<Discovery>;
  /**
   * Usage for [range.start, range.end): the current billing period, or an earlier range for
   * backfill. The adapter splits the range to honour the API's limits.
   */
  fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput>;
  /**
   * Optional: recent throughput (bits per second) per scope, for a rate chart. Only providers
   * whose API reports rates implement it (Memset's bandwidth.usage).
   */
  fetchThroughput?(ctx: FetchContext, window: ThroughputWindow): Promise<ThroughputSeries[]>;
}

/** Reads a string option the config schema has already required; throws if it is absent. */
export function optionString(account: Pick<Account, 'id' | 'options'>, key: string): string {
  const value = account.options[key];
  if (typeof value !== 'string' || value === '') {
    throw new ProviderError(
      'invalid-request',
      `account "${account.id}": option "${key}" is missing`,
    );
  }
  return value;
}

/** Reads a credential the core resolved; a missing one is an auth problem the user must fix. */
export function credential(
  ctx: Pick<FetchContext, 'account' | 'credentials'>,
  key: string,
): string {
  const value = ctx.credentials[key];
  if (value === undefined || value === '') {
    throw new ProviderError('auth', `account "${ctx.account.id}": credential "${key}" is not set`);
  }
  return value;
}

/** Reads a string-list option (a multiselect), accepting a single string too. */
export function optionList(account: Pick<Account, 'options'>, key: string): string[] {
  const value = account.options[key];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value !== '' ? [value] : [];
}
