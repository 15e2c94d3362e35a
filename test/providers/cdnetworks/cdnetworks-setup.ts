import { expect, onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import type { HttpClient } from '../../../src-main/core/http.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import { AccountSchema, type Account } from '../../../src-shared/domain/account.ts';
import { optionsSchemaFor } from '../../../src-shared/domain/provider-descriptor.ts';
import {
  startCdnetworksFake,
  type CdnetworksFake,
  type CdnetworksFakeOptions,
} from '../../fakes/cdnetworks/cdnetworks-fake.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';

/** 21:00 on 21 November 2026 in GMT+9. */
export const NOW = '2026-11-21T12:00:00Z';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Midnight GMT+9 of a `yyyy-MM-dd` date, written out by hand so tests do not reuse the adapter. */
export const tokyoMidnight = (date: string) => Date.parse(`${date}T00:00:00+09:00`);

export interface Harness {
  readonly fake: CdnetworksFake;
  readonly clock: FakeClock;
  readonly ctx: FetchContext;
  readonly account: Account;
}

/**
 * Starts the fake at NOW (or `fakeNow`), and a FetchContext for its account over real HTTP.
 * `credentials` and `options` override the account's; `http` wraps or replaces the client.
 */
export async function harness(
  setup: {
    fakeOptions?: Partial<CdnetworksFakeOptions>;
    clockAt?: string | number;
    credentials?: Record<string, string | undefined>;
    options?: Record<string, unknown>;
    http?: HttpClient;
    /** The fake's time is the test clock's (which sleeps move), not fixed at NOW. */
    fakeFollowsClock?: boolean;
  } = {},
): Promise<Harness> {
  const fakeNow = Date.parse(NOW);
  const clock = new FakeClock(setup.clockAt ?? NOW);
  const fake = await startCdnetworksFake({
    now: setup.fakeFollowsClock ? () => clock.now() : () => fakeNow,
    ...setup.fakeOptions,
  });
  onTestFinished(() => fake.close());
  const base = fake.account();
  const options: Record<string, unknown> = { ...base.options, ...setup.options };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const account = AccountSchema.parse({
    ...base,
    // The descriptor's own validation, as the config file would apply it.
    options: optionsSchemaFor(cdnetworksAdapter.descriptor).parse(options),
  });
  const credentials: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...fake.credentials, ...setup.credentials })) {
    if (value !== undefined) credentials[key] = value;
  }
  const ctx: FetchContext = {
    account,
    baseUrl: fake.server.baseUrl,
    credentials,
    http: setup.http ?? testHttpClient(),
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  return { fake, clock, ctx, account };
}

export async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** The current billing month in GMT+9 at NOW: [1 November 00:00 +09:00, NOW). */
export const CURRENT_MONTH = { start: tokyoMidnight('2026-11-01'), end: Date.parse(NOW) };
