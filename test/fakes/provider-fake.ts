import type { AccountInput } from '../../src-shared/domain/account.ts';
import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import type { FakeServer } from './fake-server.ts';

/**
 * What every fake provider server (test/fakes/<id>/) offers, so that tests which cover all
 * providers at once (the redaction test, `cloudmeter check` against all five fakes, the
 * history store, the benchmarks) can loop over them without knowing any one of them.
 */
export interface ProviderFake {
  readonly provider: ProviderId;
  readonly server: FakeServer;
  /** Every credential field the fake accepts, secret or not: field key → value. */
  readonly credentials: Readonly<Record<string, string>>;
  /** The subset of `credentials` that is secret (kept in the keychain, never in config). */
  readonly secretFields: readonly string[];
  /**
   * A config entry for an account served by this fake: `baseUrl` points at the fake, options
   * hold valid values (and the non-secret credential fields). Pass `id` to name it.
   */
  account(id?: string): AccountInput;
  close(): Promise<void>;
}

export interface ProviderFakeOptions {
  /** The fake's notion of now (signature expiry, "future month" checks, data up to today). */
  readonly now: () => number;
  /** Added latency per request, for the benchmark. */
  readonly latencyMs?: number;
}

export type StartProviderFake = (options: ProviderFakeOptions) => Promise<ProviderFake>;
