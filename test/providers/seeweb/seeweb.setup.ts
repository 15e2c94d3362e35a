import { expect, onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { seewebAdapter } from '../../../src-main/providers/seeweb/seeweb.adapter.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';
import type { HttpClientOptions } from '../../../src-main/platform/http/undici-http-client.ts';
import { AccountSchema, type AccountInput } from '../../../src-shared/domain/account.ts';
import { ProviderUsageSchema, type ProviderUsage } from '../../../src-shared/domain/usage.ts';
import { startSeewebFake } from '../../fakes/seeweb/seeweb.fake.ts';
import {
  SERVER_MONTHS,
  SNAPSHOT_MONTHS,
  TEMPLATE_MONTHS,
  type ServerMonth,
} from '../../fakes/seeweb/seeweb.fixture.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';
import { ProviderError } from '../../../src-main/core/provider-error.ts';

/** A fake Seeweb, a fake clock and a FetchContext for the fake's account. */
export async function seewebSetup(
  now: string,
  options: {
    futureZone?: string;
    account?: Partial<AccountInput>;
    http?: HttpClientOptions;
    token?: string;
  } = {},
) {
  const clock = new FakeClock(now);
  const fake = await startSeewebFake({ now: () => clock.now(), futureZone: options.futureZone });
  onTestFinished(() => fake.close());
  const account = AccountSchema.parse({ ...fake.account('seeweb-test'), ...options.account });
  const ctx: FetchContext = {
    account,
    baseUrl: fake.server.baseUrl,
    credentials: { apiToken: options.token ?? fake.credentials.apiToken! },
    http: testHttpClient(options.http),
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  const fetchUsage = async (start: string | number, end?: string | number) => {
    const range = {
      start: new Date(start).getTime(),
      end: end === undefined ? clock.now() : new Date(end).getTime(),
    };
    return ProviderUsageSchema.parse(await seewebAdapter.fetchUsage(ctx, range));
  };
  return { clock, fake, ctx, account, fetchUsage };
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** What Seeweb bills for a server in a month: online + offline + Σ reserved, after discounts. */
export function fixtureServerCost(server: ServerMonth): number {
  return cents(
    server.online.price + server.offline.price + server.reserved.reduce((s, r) => s + r.price, 0),
  );
}

/** The month-to-date figures the fixture implies for a month offset (0 = current month). */
export function fixtureMonth(offset: number) {
  const servers = SERVER_MONTHS[offset] ?? [];
  const perServer = new Map(servers.map((s) => [s.name, fixtureServerCost(s)]));
  const serverTotal = cents([...perServer.values()].reduce((a, b) => a + b, 0));
  const templates = cents((TEMPLATE_MONTHS[offset] ?? []).reduce((s, t) => s + t.cost, 0));
  const snapshots = cents((SNAPSHOT_MONTHS[offset] ?? []).reduce((s, r) => s + r.finalCost, 0));
  return {
    perServer,
    beforeDiscounts: cents(servers.reduce((s, r) => s + r.originalCost, 0)),
    templates,
    snapshots,
    total: cents(serverTotal + templates + snapshots),
  };
}

/** The value of a meter's sample at an instant. */
export function sampleValue(usage: ProviderUsage, meterId: string, at: string | number) {
  const instant = new Date(at).getTime();
  return usage.samples.find((s) => s.meterId === meterId && s.at === instant)?.value;
}

/** Awaits a rejection and checks it is a ProviderError. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Paths of billing requests the fake received, e.g. `servers/2026/11`. */
export function billingRequests(fake: { server: { requests: { path: string }[] } }): string[] {
  return fake.server.requests
    .map((r) => /^\/ecs\/v2\/billing\/(.+)$/.exec(r.path)?.[1])
    .filter((p): p is string => p !== undefined);
}
