import { onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import type { HttpClientOptions } from '../../../src-main/platform/http/undici-http-client.ts';
import { createIdcfAdapter } from '../../../src-main/providers/idcf/idcf.adapter.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';
import { AccountSchema } from '../../../src-shared/domain/account.ts';
import { startIdcfFake, type IdcfFakeOptions } from '../../fakes/idcf/idcf.fake.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';

/** 21:00 JST on 21 November 2026: IDCF's figures run to the end of 20 November. */
export const NOW = '2026-11-21T12:00:00Z';

/** The fake IDCF server, a fresh adapter and a context pointing one at the other. */
export async function idcfSetup(
  options: {
    now?: string;
    fake?: Partial<Omit<IdcfFakeOptions, 'now'>>;
    /** The fake's clock runs this far ahead of the adapter's. */
    fakeAheadMs?: number;
    http?: HttpClientOptions;
    regions?: string[];
    credentials?: Record<string, string>;
  } = {},
) {
  const clock = new FakeClock(options.now ?? NOW);
  const fake = await startIdcfFake({
    now: () => clock.now() + (options.fakeAheadMs ?? 0),
    ...options.fake,
  });
  onTestFinished(() => fake.close());
  const account = AccountSchema.parse({
    ...fake.account(),
    options: options.regions ? { regions: options.regions } : {},
  });
  const ctx: FetchContext = {
    account,
    baseUrl: fake.server.baseUrl,
    credentials: options.credentials ?? { ...fake.credentials },
    http: testHttpClient(options.http),
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  return { clock, fake, ctx, adapter: createIdcfAdapter() };
}

/** The JST month range [first day of month, now) as the core asks for it. */
export function jstRange(startIso: string, end: number) {
  return { start: Date.parse(startIso), end };
}
