import { onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';
import type { HttpClientOptions } from '../../../src-main/platform/http/undici-http-client.ts';
import { AccountSchema, type AccountInput } from '../../../src-shared/domain/account.ts';
import {
  DAY_S,
  FIXTURE_EIPS,
  billedGb,
  platformDayStart,
  type FixtureEip,
} from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { startSurfercloudFake } from '../../fakes/surfercloud/surfercloud.fake.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';

/** 20:00 on 21 November 2026 in UTC+8: November's first 20 days are billed, today is not. */
export const NOW = '2026-11-21T12:00:00Z';
export const NOW_S = Date.parse(NOW) / 1000;
/** 1 November 2026, 00:00 UTC+8: the current billing month's start. */
export const MONTH_START = Date.parse('2026-11-01T00:00:00+08:00');

/** A fake whose clock is the test's clock, and an adapter context pointing at it. */
export async function setup(
  options: {
    now?: string;
    http?: HttpClientOptions;
    account?: (account: AccountInput) => AccountInput;
    credentials?: Record<string, string>;
  } = {},
) {
  const clock = new FakeClock(options.now ?? NOW);
  const fake = await startSurfercloudFake({ now: () => clock.now() });
  onTestFinished(() => fake.close());
  const raw = fake.account();
  const account = AccountSchema.parse(options.account ? options.account(raw) : raw);
  const ctx: FetchContext = {
    account,
    baseUrl: fake.server.baseUrl,
    credentials: options.credentials ?? fake.credentials,
    http: testHttpClient(options.http),
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  return { fake, clock, ctx };
}

export async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError))
    throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** The traffic-billed EIPs of the fake's default regions that exist at `nowS`. */
export function trafficEips(nowS: number, regions = ['us-ca', 'hk', 'sg']): FixtureEip[] {
  return FIXTURE_EIPS.filter(
    (e) => regions.includes(e.region) && e.payMode === 'Traffic' && e.createTime <= nowS,
  );
}

/**
 * What the fixture says an EIP used per platform day in [fromS, toS): computed by walking
 * calendar days, independently of how the adapter or the fake window their requests.
 */
export function expectedDays(
  eip: FixtureEip,
  fromS: number,
  toS: number,
  nowS: number,
): { at: number; gb: number }[] {
  const days: { at: number; gb: number }[] = [];
  for (let day = platformDayStart(fromS); day < toS; day += DAY_S) {
    const gb = billedGb(eip, day, nowS);
    if (gb !== null) days.push({ at: day * 1000, gb });
  }
  return days;
}
