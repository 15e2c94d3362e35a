import type { AccountInput } from '../../../src-shared/domain/account.ts';
import { FakeServer, type FakeReply, type FakeRequest } from '../fake-server.ts';
import type { ProviderFake, ProviderFakeOptions } from '../provider-fake.ts';
import { authenticate, TimestampLedger } from './cdnetworks-fake-auth.ts';
import {
  CONTRACT,
  DOMAINS,
  FAKE_USER,
  OTHER_CONTRACT,
  WATCHED,
  type FixtureDomain,
} from './cdnetworks-fixture.ts';
import {
  domainList,
  domainTraffic,
  domainUsage,
  trafficRequest,
  type RouteContext,
  type UsageShape,
} from './cdnetworks-fake-routes.ts';

/**
 * A fake api.cdnetworks.com on 127.0.0.1: both auth schemes verified (AK/SK timestamps within
 * 5 minutes and never reused), the documented date rules, GMT+9 Local Storage data, byte and
 * MB counts as strings, the documented rate limit, and `X-Cnc-Request-Id` on every answer.
 */

export interface CdnetworksFakeOptions extends ProviderFakeOptions {
  /** The account() entry's scheme. Default: aksk. */
  readonly authScheme?: 'aksk' | 'api-key';
  /** Which documented shape /api/domain-usage answers in. Default: seed. */
  readonly usageShape?: UsageShape;
  /** Requests per user per 5 minutes (documented: 300). */
  readonly rateLimit?: number;
  /** Domains the user has besides the fixture's three (a large account). */
  readonly extraDomains?: readonly FixtureDomain[];
}

export interface CdnetworksFake extends ProviderFake {
  /** Switch the /api/domain-usage shape between the seed's envelope and the SDK model. */
  usageShape: UsageShape;
  /** The contracts the fake user may read (remove one to provoke "No contract permission"). */
  contracts: string[];
  /** The most requests the fake accepted in any 5-minute window of its clock. */
  readonly busiestWindow: number;
  /** Requests refused as too frequent. */
  readonly refusedAsTooFrequent: number;
}

const RATE_WINDOW_MS = 5 * 60_000;

export async function startCdnetworksFake(options: CdnetworksFakeOptions): Promise<CdnetworksFake> {
  const ledger = new TimestampLedger();
  const recent: number[] = [];
  let served = 0;
  const state: { usageShape: UsageShape; contracts: string[] } = {
    usageShape: options.usageShape ?? 'seed',
    contracts: [CONTRACT, OTHER_CONTRACT],
  };
  const rateLimit = options.rateLimit ?? 300;
  const domains = [...DOMAINS, ...(options.extraDomains ?? [])];
  const counts = { busiestWindow: 0, refusedAsTooFrequent: 0 };

  const route = (request: FakeRequest, ctx: RouteContext): FakeReply => {
    if (request.method === 'GET' && request.path === '/api/domain') return domainList(ctx);
    if (request.method === 'POST' && request.path === '/api/domain-usage')
      return domainUsage(request, ctx);
    if (request.method === 'POST' && request.path === '/api/report/domaintraffic') {
      return domainTraffic(request, ctx);
    }
    if (request.method === 'POST' && request.path === '/api/report/traffic-request') {
      return trafficRequest(request, ctx);
    }
    return {
      status: 404,
      json: { code: 'NotFound', message: `no API at ${request.method} ${request.path}` },
    };
  };

  const handle = (request: FakeRequest): FakeReply => {
    const now = options.now();
    const auth = authenticate(request, [FAKE_USER], ledger, now);
    if (!auth.ok) return { status: 401, json: { code: auth.code, message: auth.message } };
    while (recent.length > 0 && now - recent[0]! >= RATE_WINDOW_MS) recent.shift();
    if (recent.length >= rateLimit) {
      counts.refusedAsTooFrequent += 1;
      // The code is VERIFIED (terraform errorlist.go); the HTTP status is INFERRED.
      return {
        status: 403,
        json: {
          code: 'WPLUS_AccountApiTooFrequence',
          message: 'Account API requests are too frequent',
        },
      };
    }
    recent.push(now);
    counts.busiestWindow = Math.max(counts.busiestWindow, recent.length);
    return route(request, {
      now,
      contracts: state.contracts,
      usageShape: state.usageShape,
      domains,
    });
  };

  const server = await FakeServer.start(
    (request) => {
      const reply = handle(request);
      served += 1;
      return { ...reply, headers: { 'x-cnc-request-id': `fake-${served}`, ...reply.headers } };
    },
    { latencyMs: options.latencyMs ?? 0 },
  );

  const authScheme = options.authScheme ?? 'aksk';
  return {
    provider: 'cdnetworks',
    server,
    credentials: { ...FAKE_USER },
    secretFields: ['apiKey', 'secretKey'],
    get usageShape() {
      return state.usageShape;
    },
    set usageShape(shape: UsageShape) {
      state.usageShape = shape;
    },
    get contracts() {
      return state.contracts;
    },
    set contracts(list: string[]) {
      state.contracts = list;
    },
    get busiestWindow() {
      return counts.busiestWindow;
    },
    get refusedAsTooFrequent() {
      return counts.refusedAsTooFrequent;
    },
    account(id = 'cdnetworks-fake'): AccountInput {
      return {
        id,
        provider: 'cdnetworks',
        label: 'CDNetworks (fake)',
        baseUrl: server.baseUrl,
        options: {
          authScheme,
          accessKeyId: FAKE_USER.accessKeyId,
          userName: FAKE_USER.userName,
          contract: CONTRACT,
          domains: [...WATCHED],
        },
      };
    },
    close: () => server.close(),
  };
}
