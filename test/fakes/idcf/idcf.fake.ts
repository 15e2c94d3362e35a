import { createHmac, timingSafeEqual } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { AccountInput } from '../../../src-shared/domain/account.ts';
import { FakeServer, type FakeReply, type FakeRequest } from '../fake-server.ts';
import type { ProviderFake, ProviderFakeOptions } from '../provider-fake.ts';
import {
  IDCF_FAKE_ACCOUNT_ID,
  IDCF_FIRST_MONTH_AGO,
  IDCF_GAP_MONTH_AGO,
  IDCF_REFERENCE,
  idcfFixtureRows,
  type IdcfFixtureRow,
} from './idcf.fixture.ts';

/**
 * A fake of IDCF's "Your" billing API, written from providers.md §1 and the seed, not from the
 * adapter: it checks the X-IDCF-* signature itself, answers 401/404/429 with IDCF's
 * {message, reference} body, sends the x-idcf-limit-* headers, and serves the fixture's bills
 * relative to its own clock (the current month's figures end the day before today, JST).
 */
export interface IdcfFakeOptions extends ProviderFakeOptions {
  /** Calls allowed per rate-limit window (IDCF: 100). */
  readonly limitMax?: number;
  /** Length of the rate-limit window in seconds (IDCF's reset header showed 10). */
  readonly limitWindowSeconds?: number;
  /** Keep each answer in flight this long (real time), to observe the client's concurrency. */
  readonly holdMs?: number;
}

export interface IdcfFake extends ProviderFake {
  /** The most requests the fake was answering at once. */
  readonly peakConcurrency: number;
}

const ZONE = 'Asia/Tokyo';
/** The fake refuses expiries further ahead than this (IDCF's own bound is not documented). */
const MAX_EXPIRY_AHEAD_SECONDS = 3600;

export const IDCF_FAKE_CREDENTIALS = {
  apiKey: 'fake-idcf-api-key_'.padEnd(86, 'Ab3-x_9Q'),
  secretKey: 'fake-idcf-secret_'.padEnd(86, 'Zy7_k-2M'),
} as const;

const error = (status: number, message: string, headers?: Record<string, string>): FakeReply => ({
  status,
  json: { message, reference: IDCF_REFERENCE },
  headers,
});

function signatureOk(request: FakeRequest, apiKey: string, expires: string): boolean {
  const seed = `${request.method}\n${request.path}\n${apiKey}\n${expires}\n${request.rawQuery}`;
  const expected = createHmac('sha256', IDCF_FAKE_CREDENTIALS.secretKey).update(seed).digest();
  const given = Buffer.from(request.headers['x-idcf-signature'] ?? '', 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Null when the request is properly signed, else IDCF's 401. */
function checkAuth(request: FakeRequest, nowSeconds: number): FakeReply | null {
  const apiKey = request.headers['x-idcf-apikey'];
  const expires = request.headers['x-idcf-expires'];
  if (!apiKey || !expires || !request.headers['x-idcf-signature'])
    return error(401, 'X-IDCF-APIKEY, X-IDCF-Expires and X-IDCF-Signature are required');
  if (apiKey !== IDCF_FAKE_CREDENTIALS.apiKey) return error(401, 'Invalid API key');
  if (!/^\d+$/.test(expires)) return error(401, 'Invalid X-IDCF-Expires');
  if (Number(expires) < nowSeconds) return error(401, 'Signature expired');
  if (Number(expires) > nowSeconds + MAX_EXPIRY_AHEAD_SECONDS)
    return error(401, 'X-IDCF-Expires is too far in the future');
  if (!signatureOk(request, apiKey, expires)) return error(401, 'Invalid signature');
  return null;
}

function today(now: number): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(ZONE).toPlainDate();
}

/** Months with a bill, as months-ago numbers: the current one only once a day has passed. */
function billedMonthsAgo(now: number): number[] {
  const months: number[] = [];
  for (let ago = today(now).day >= 2 ? 0 : 1; ago <= IDCF_FIRST_MONTH_AGO; ago++) months.push(ago);
  return months;
}

const sumOf = (
  rows: readonly IdcfFixtureRow[],
  key: 'Amount' | 'Tax' | 'Net',
  keep: (n: number) => boolean = () => true,
) =>
  rows
    .map((r) => Number(r[key]))
    .filter(keep)
    .reduce((a, b) => a + b, 0);

function bill(monthsAgo: number, now: number) {
  const month = today(now).toPlainYearMonth().subtract({ months: monthsAgo });
  const first = month.toPlainDate({ day: 1 });
  const last =
    monthsAgo === 0
      ? today(now).subtract({ days: 1 })
      : month.toPlainDate({ day: month.daysInMonth });
  const rows = idcfFixtureRows(monthsAgo, { start: first.toString(), end: last.toString() });
  const net = sumOf(rows, 'Net');
  return {
    meta: {
      account_id: IDCF_FAKE_ACCOUNT_ID,
      taxable_amount: sumOf(rows, 'Amount', (n) => n > 0),
      tax: sumOf(rows, 'Tax', (n) => n > 0),
      // As in IDCF's fixture: 0 while the month is open, whatever the rows say.
      total: monthsAgo === 0 ? 0 : Math.max(0, net),
      updated_at: `${last.add({ days: 1 }).toString()}T02:12:30+09:00`,
      billing_period_start_at: first.toString(),
      billing_period_end_at: last.toString(),
      invoice_no: monthsAgo === 0 ? null : `IV${month.toString().replace('-', '')}0042`,
    },
    data: rows,
  };
}

function history(now: number) {
  return {
    meta: {
      account_id: IDCF_FAKE_ACCOUNT_ID,
      updated_at: Temporal.Instant.fromEpochMilliseconds(now)
        .toZonedDateTimeISO(ZONE)
        .toString({ timeZoneName: 'never', smallestUnit: 'second' }),
    },
    data: billedMonthsAgo(now).map((ago) => ({
      month: today(now).toPlainYearMonth().subtract({ months: ago }).toString(),
      billing_amount: Math.max(0, sumOf(idcfFixtureRows(ago), 'Net')),
      payment_status: ago === 0 ? 1 : 3,
    })),
  };
}

function monthDetail(month: string, now: number): FakeReply {
  const match = /^(\d{4})-(\d{1,2})$/.exec(month);
  const number = match ? Number(match[2]) : 0;
  if (!match || number < 1 || number > 12) return error(401, 'invalid date format(YYYY-MM)');
  const asked = Temporal.PlainYearMonth.from({ year: Number(match[1]), month: number });
  const ago = asked.until(today(now).toPlainYearMonth(), { largestUnit: 'months' }).months;
  if (!billedMonthsAgo(now).includes(ago) || ago === IDCF_GAP_MONTH_AGO)
    return error(404, 'Record not found');
  return { json: bill(ago, now) };
}

export async function startIdcfFake(options: IdcfFakeOptions): Promise<IdcfFake> {
  const limitMax = options.limitMax ?? 100;
  const windowMs = (options.limitWindowSeconds ?? 10) * 1000;
  let remaining = limitMax;
  let windowEnd = 0;
  let active = 0;
  let peak = 0;

  const route = (request: FakeRequest): FakeReply => {
    const now = options.now();
    if (request.method !== 'GET') return error(405, 'Method Not Allowed');
    if (!request.path.startsWith('/api/v1/billings/')) return error(404, 'Not Found');
    const denied = checkAuth(request, Math.floor(now / 1000));
    if (denied) return denied;
    if (now >= windowEnd) {
      remaining = limitMax;
      windowEnd = now + windowMs;
    }
    const limitHeaders = () => ({
      'x-idcf-limit-max': String(limitMax),
      'x-idcf-limit-remaining': String(remaining),
      'x-idcf-limit-reset': String(Math.ceil((windowEnd - now) / 1000)),
    });
    if (remaining === 0) return error(429, 'Rate limit exceeded', limitHeaders());
    remaining -= 1;
    if (request.query.get('format') !== 'json')
      return error(400, 'format must be json', limitHeaders());
    const month = request.path.slice('/api/v1/billings/'.length);
    const reply = month === 'history' ? { json: history(now) } : monthDetail(month, now);
    return { ...reply, headers: { ...reply.headers, ...limitHeaders() } };
  };

  const server = await FakeServer.start(
    async (request) => {
      active += 1;
      peak = Math.max(peak, active);
      try {
        if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs));
        return route(request);
      } finally {
        active -= 1;
      }
    },
    { latencyMs: options.latencyMs },
  );

  return {
    provider: 'idcf',
    server,
    credentials: IDCF_FAKE_CREDENTIALS,
    secretFields: ['apiKey', 'secretKey'],
    get peakConcurrency() {
      return peak;
    },
    account(id = 'idcf-fake'): AccountInput {
      return {
        id,
        provider: 'idcf',
        label: 'IDCF Cloud (fake)',
        baseUrl: server.baseUrl,
        options: {},
      };
    },
    close: () => server.close(),
  };
}
