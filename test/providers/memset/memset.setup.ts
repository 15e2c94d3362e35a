import { onTestFinished } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import type { HttpClient } from '../../../src-main/core/http.ts';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import type { HttpClientOptions } from '../../../src-main/platform/http/undici-http-client.ts';
import type { FetchContext } from '../../../src-main/providers/provider.ts';
import { AccountSchema } from '../../../src-shared/domain/account.ts';
import type { FakeRequest } from '../../fakes/fake-server.ts';
import { startMemsetFake } from '../../fakes/memset/memset.fake.ts';
import { KEYS } from '../../fakes/memset/memset.fixture.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';
import { expect } from 'vitest';

/** Mid-November: GMT, so UK time equals UTC and the expected instants read plainly. */
export const NOW = '2026-11-21T12:00:00Z';

export interface SetupOptions {
  readonly now?: string;
  readonly apiKey?: string;
  readonly services?: readonly string[];
  readonly options?: Record<string, unknown>;
  readonly http?: HttpClientOptions;
  readonly latencyMs?: number;
  /** Wraps the real client (e.g. to count requests in flight). */
  readonly wrapHttp?: (http: HttpClient) => HttpClient;
}

/** The Memset fake on 127.0.0.1 and a FetchContext for an account it serves. */
export async function memsetSetup(setup: SetupOptions = {}) {
  const clock = new FakeClock(setup.now ?? NOW);
  const fake = await startMemsetFake({ now: () => clock.now(), latencyMs: setup.latencyMs });
  onTestFinished(() => fake.close());
  const base = fake.account('memset-test');
  const account = AccountSchema.parse({
    ...base,
    options: {
      ...base.options,
      ...(setup.services ? { services: [...setup.services] } : {}),
      ...setup.options,
    },
  });
  const http = testHttpClient(setup.http);
  const ctx: FetchContext = {
    account,
    baseUrl: fake.server.baseUrl,
    credentials: { apiKey: setup.apiKey ?? KEYS.full },
    http: setup.wrapHttp ? setup.wrapHttp(http) : http,
    clock,
    signal: new AbortController().signal,
    log: silentLogger,
  };
  return { fake, server: fake.server, clock, ctx };
}

/** The API method of a request to the fake (`bandwidth.info`). */
export function methodOf(request: FakeRequest): string {
  return /^\/v1\/json\/([^/]+)/.exec(request.path)?.[1] ?? '';
}

/** The form parameters the adapter posted. */
export function formOf(request: FakeRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

export async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
