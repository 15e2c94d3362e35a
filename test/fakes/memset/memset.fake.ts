import { Temporal } from 'temporal-polyfill';
import { FakeServer, type FakeReply, type FakeRequest } from '../fake-server.ts';
import type { ProviderFake, StartProviderFake } from '../provider-fake.ts';
import {
  ALL_SCOPES,
  CANCELLED_SERVICE,
  KEY_SCOPES,
  KEYS,
  SERVICES,
  UK,
  ipsToday,
  monthToDate,
  monthTotal,
  monthsWithData,
  rateAndPrediction,
  remainingGb,
  serviceNamed,
  todayBytes,
  type FixtureService,
  type Scope,
} from './memset.fixture.ts';
import { PERIODS, rateRecords, type Period } from './memset.rates.ts';

/**
 * A fake Memset JSON API (https://api.memset.com/v1/json/<method>), written from the docs:
 * GET or POST, parameters as query or form strings, `name` also as a path segment
 * (`/v1/json/<method>/<name>/`), HTTP Basic with the key as user name or an `api_key`
 * parameter, scoped keys, and 4xx/5xx answers with `{error_type, error_code, error}`.
 * Only ApiErrorDoesNotExist (code 3, 404) is VERIFIED; the other error types, codes and the
 * 401 for a bad key are INFERRED.
 */
function fail(status: number, errorType: string, errorCode: number, error: string): FakeReply {
  return { status, json: { error_type: errorType, error_code: errorCode, error } };
}

const noService = (name: string) =>
  fail(404, 'ApiErrorDoesNotExist', 3, `Couldn't find service with name '${name}'`);
const badParameter = (error: string) => fail(400, 'ApiErrorBadParameters', 4, error);

/** The key from `Authorization: Basic base64(key:anything)`, else the api_key parameter. */
function apiKeyOf(request: FakeRequest, params: URLSearchParams): string | null {
  const header = request.headers.authorization;
  const basic = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('latin1');
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(0, colon);
  }
  return params.get('api_key');
}

function paramsOf(request: FakeRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  const form = (request.headers['content-type'] ?? '').includes(
    'application/x-www-form-urlencoded',
  );
  if (request.method === 'POST' && form) {
    for (const [key, value] of new URLSearchParams(request.body)) params.set(key, value);
  }
  return params;
}

/** `name` as the API validates it: required, 1-64 of A-Z a-z 0-9 - . _ */
function serviceParam(params: URLSearchParams): FixtureService | FakeReply {
  const name = params.get('name');
  if (name === null || name === '') return badParameter('name: This field is required.');
  if (name.length > 64) return badParameter('name: Ensure this value has at most 64 characters.');
  if (!/^[A-Za-z0-9._-]+$/.test(name))
    return badParameter(`name: '${name}' is not a valid service name.`);
  return serviceNamed(name) ?? noService(name);
}

const ukNow = (now: number) => Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(UK);

function bandwidthInfo(service: FixtureService, now: number) {
  const answer: Record<string, Record<string, unknown>> = {};
  const c = service.connection;
  for (const type of Object.keys(service.bandwidth)) {
    const mtd = monthToDate(service, type, now);
    const { dailyRate, predicted } = rateAndPrediction(service, type, now);
    const entry: Record<string, unknown> = {
      bytes_in: mtd.in,
      bytes_out: mtd.out,
      daily_rate: dailyRate,
      predicted,
    };
    if (c) {
      entry.connection_type = c.type;
      entry.max_burst = c.maxBurstMbps;
      entry.ips = ipsToday(service, type, now).map((ip) => ({
        [ip.address]: { bytes_in: ip.in, bytes_out: ip.out },
      }));
      if (c.type === 'metered') {
        entry.remaining = remainingGb(service, type, now);
        entry.inclusive_transfer = c.inclusiveGb;
        entry.bandwidth_bank = c.bankGb;
      }
      if (c.type === 'unmetered') entry.contention = c.contention;
    }
    answer[type] = entry;
  }
  return answer;
}

function monthlyUsage(service: FixtureService, params: URLSearchParams, now: number): FakeReply {
  const current = ukNow(now).year;
  const raw = params.get('year');
  const year = raw === null || raw === '' ? current : Number(raw);
  if (!Number.isInteger(year)) return badParameter('year: A valid integer is required.');
  if (year > 2100) return badParameter('year: Ensure this value is less than or equal to 2100.');
  if (year < 2000) return badParameter('year: Ensure this value is greater than or equal to 2000.');
  // Stricter than the real API is known to be: Cloudmeter must never ask for a future year.
  if (year > current) return badParameter(`year: ${year} is in the future.`);
  const thisMonth = ukNow(now).month;
  const answer: Record<string, unknown[]> = {};
  for (const type of Object.keys(service.bandwidth)) {
    answer[type] = monthsWithData(service, year, now).map((month) => {
      const bytes =
        year === current && month === thisMonth
          ? monthToDate(service, type, now)
          : monthTotal(service, type, year, month);
      return {
        date: `${year}-${String(month).padStart(2, '0')}`,
        bytes_in: bytes.in,
        bytes_out: bytes.out,
      };
    });
  }
  return { json: answer };
}

function bandwidthUsage(service: FixtureService, params: URLSearchParams, now: number): FakeReply {
  const period = params.get('period') || 'day';
  if (!(PERIODS as readonly string[]).includes(period)) {
    return badParameter(
      `period: Select a valid choice. ${period} is not one of the available choices.`,
    );
  }
  const answer: Record<string, unknown> = {};
  for (const [type, traffic] of Object.entries(service.bandwidth)) {
    answer[type] = rateRecords(traffic, period as Period, now);
  }
  return { json: answer };
}

function memstoreUsage(service: FixtureService, now: number): FakeReply {
  if (!service.memstore) {
    return fail(
      404,
      'ApiErrorDoesNotExist',
      3,
      `Couldn't find Memstore with name '${service.name}'`,
    );
  }
  const storage = todayBytes(service.bandwidth.memstore!, now);
  const cdn = todayBytes(service.bandwidth.cdn!, now);
  return {
    json: {
      ...service.memstore,
      bandwidth: { bytes_in: storage.in, bytes_out: storage.out, requests: 48_210 },
      cdn_bandwidth: { bytes_in: cdn.in, bytes_out: cdn.out, requests: 901_344 },
    },
  };
}

function serviceList(all: boolean) {
  const listed = SERVICES.filter((s) => all || s.connection !== undefined).map((s) => ({
    name: s.name,
    type: s.type,
    nickname: s.nickname,
    status: s.status,
  }));
  return all ? [...listed, CANCELLED_SERVICE] : listed;
}

function answer(method: Scope, params: URLSearchParams, now: number): FakeReply {
  if (method === 'server.list') return { json: serviceList(false) };
  if (method === 'service.list') return { json: serviceList(true) };
  const service = serviceParam(params);
  if (!('bandwidth' in service)) return service;
  switch (method) {
    case 'bandwidth.info':
      return { json: bandwidthInfo(service, now) };
    case 'bandwidth.monthly_usage':
      return monthlyUsage(service, params, now);
    case 'bandwidth.usage':
      return bandwidthUsage(service, params, now);
    case 'memstore.usage':
      return memstoreUsage(service, now);
  }
}

const ROUTE = /^\/v1\/json\/([a-z_]+\.[a-z_]+)(?:\/([^/]+))?\/?$/;

export function handleMemsetRequest(request: FakeRequest, now: number): FakeReply {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return fail(405, 'ApiErrorMethodNotAllowed', 6, `Method ${request.method} not allowed`);
  }
  const route = ROUTE.exec(request.path);
  if (!route) return fail(404, 'ApiErrorNoSuchMethod', 5, `No such API method at ${request.path}`);
  const params = paramsOf(request);
  if (route[2] !== undefined) params.set('name', decodeURIComponent(route[2]));
  const key = apiKeyOf(request, params);
  const scopes = key === null ? undefined : KEY_SCOPES[key];
  if (scopes === undefined) {
    return {
      ...fail(401, 'ApiErrorAuthenticationFailed', 1, 'Authentication failed: invalid API key'),
      headers: { 'www-authenticate': 'Basic realm="Memset API"' },
    };
  }
  const method = route[1]!;
  if (!(ALL_SCOPES as readonly string[]).includes(method)) {
    return fail(404, 'ApiErrorNoSuchMethod', 5, `No such API method '${method}'`);
  }
  if (!scopes.includes(method as Scope)) {
    return fail(
      403,
      'ApiErrorPermissionDenied',
      2,
      `API key does not have access to method '${method}'`,
    );
  }
  return answer(method as Scope, params, now);
}

/** The services a fake account reads: every kind (metered, unmetered, arrears, Memstore). */
export const FAKE_ACCOUNT_SERVICES = SERVICES.map((s) => s.name);

export const startMemsetFake: StartProviderFake = async (options): Promise<ProviderFake> => {
  const server = await FakeServer.start((request) => handleMemsetRequest(request, options.now()), {
    latencyMs: options.latencyMs,
  });
  return {
    provider: 'memset',
    server,
    credentials: { apiKey: KEYS.full },
    secretFields: ['apiKey'],
    account: (id = 'memset') => ({
      id,
      provider: 'memset',
      label: 'Memset (fake)',
      baseUrl: server.baseUrl,
      options: { services: [...FAKE_ACCOUNT_SERVICES] },
    }),
    close: () => server.close(),
  };
};
