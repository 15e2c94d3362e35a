import { Temporal } from 'temporal-polyfill';

/**
 * The fake Memset account: services, API keys and their scopes, and deterministic traffic from
 * which every answer (and every figure a test expects) is computed. Written from the Memset
 * docs (providers.md §2, seed 001), not from the adapter.
 */
export const UK = 'Europe/London';

export const ALL_SCOPES = [
  'server.list',
  'service.list',
  'bandwidth.info',
  'bandwidth.monthly_usage',
  'bandwidth.usage',
  'memstore.usage',
] as const;
export type Scope = (typeof ALL_SCOPES)[number];

/** 32-hex API keys (as Memset issues them) and the methods each may call. */
export const KEYS = {
  full: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  listsOnly: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  noMemstore: '5eb86c9196ab03919abcf03857163741',
  bandwidthOnly: '9d8c7b6a5f4e3d2c1b0a99887766554f',
} as const;

export const KEY_SCOPES: Readonly<Record<string, readonly Scope[]>> = {
  [KEYS.full]: ALL_SCOPES,
  [KEYS.listsOnly]: ['server.list', 'service.list'],
  [KEYS.noMemstore]: ALL_SCOPES.filter((s) => s !== 'memstore.usage'),
  [KEYS.bandwidthOnly]: ['bandwidth.info', 'bandwidth.monthly_usage', 'bandwidth.usage'],
};

/** Bytes a service type moves on an ordinary day; each day varies by a fixed pattern. */
export interface Traffic {
  readonly inPerDay: number;
  readonly outPerDay: number;
}

export interface Connection {
  readonly type: 'metered' | 'unmetered' | 'inarrears';
  readonly maxBurstMbps: number;
  /** Metered only (GB). */
  readonly inclusiveGb?: number;
  readonly bankGb?: number;
  /** Unmetered only. */
  readonly contention?: number;
  /** Today's traffic split over these addresses by share (servers only). */
  readonly ips: readonly { readonly address: string; readonly share: number }[];
}

export interface FixtureService {
  readonly name: string;
  readonly type: string;
  readonly nickname: string;
  readonly status: 'LIVE' | 'ONHOLD' | 'CANCELLED';
  /** First month with traffic (yyyy-mm). */
  readonly since: string;
  /** service_type key of the bandwidth answers → its traffic. */
  readonly bandwidth: Readonly<Record<string, Traffic>>;
  readonly connection?: Connection;
  readonly memstore?: {
    readonly bytes: number;
    readonly containers: number;
    readonly objects: number;
  };
}

export const SERVICES: readonly FixtureService[] = [
  {
    name: 'myserver1',
    type: 'miniserver',
    nickname: 'Web server',
    status: 'LIVE',
    since: '2023-06',
    bandwidth: { server: { inPerDay: 1_500_000_000, outPerDay: 6_250_000_000 } },
    connection: {
      type: 'metered',
      maxBurstMbps: 100,
      inclusiveGb: 1000,
      bankGb: 250,
      ips: [
        { address: '185.41.10.21', share: 0.75 },
        { address: '2a00:1d40:1843::21', share: 0.25 },
      ],
    },
  },
  {
    name: 'unmetered1',
    type: 'fullserver',
    nickname: 'Database',
    status: 'LIVE',
    since: '2024-02',
    bandwidth: { server: { inPerDay: 40_000_000_000, outPerDay: 95_000_000_000 } },
    connection: {
      type: 'unmetered',
      maxBurstMbps: 1000,
      contention: 20,
      ips: [{ address: '185.41.10.40', share: 1 }],
    },
  },
  {
    name: 'arrears1',
    type: 'miniserver',
    nickname: 'Old site',
    status: 'ONHOLD',
    since: '2022-01',
    bandwidth: { server: { inPerDay: 120_000_000, outPerDay: 480_000_000 } },
    connection: { type: 'inarrears', maxBurstMbps: 100, ips: [] },
  },
  {
    name: 'mstestaa1',
    type: 'memstore',
    nickname: 'Backups',
    status: 'LIVE',
    since: '2025-02',
    bandwidth: {
      memstore: { inPerDay: 3_000_000_000, outPerDay: 700_000_000 },
      cdn: { inPerDay: 100_000_000, outPerDay: 9_000_000_000 },
    },
    memstore: { bytes: 734_003_200_512, containers: 4, objects: 182_337 },
  },
];

/** Only in service.list: cancelled services are listed but have no data. */
export const CANCELLED_SERVICE = {
  name: 'oldbox9',
  type: 'miniserver',
  nickname: 'Cancelled box',
  status: 'CANCELLED',
};

export function serviceNamed(name: string): FixtureService | undefined {
  return SERVICES.find((s) => s.name === name);
}

/** UK calendar facts about an instant; the last one is kept, as the fake asks for now often. */
interface UkMoment {
  readonly today: Temporal.PlainDate;
  readonly dayStart: number;
  readonly dayEnd: number;
  readonly monthStart: number;
  readonly daysInMonth: number;
}
let lastMoment: { at: number; moment: UkMoment } | null = null;

export function ukMoment(at: number): UkMoment {
  if (lastMoment?.at === at) return lastMoment.moment;
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(UK);
  const start = local.startOfDay();
  const moment = {
    today: local.toPlainDate(),
    dayStart: start.epochMilliseconds,
    dayEnd: start.add({ days: 1 }).epochMilliseconds,
    monthStart: local.with({ day: 1 }).startOfDay().epochMilliseconds,
    daysInMonth: local.daysInMonth,
  };
  lastMoment = { at, moment };
  return moment;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date (plain date arithmetic, no time zone involved). */
export function epochDay(date: { year: number; month: number; day: number }): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

/** Weekday factors, Monday first: quieter weekends. */
const WEEK = [0.6, 1.1, 1.05, 1, 1.2, 0.9, 0.5];

/** Bytes in and out on one UK calendar day (given as its epoch day or a date). */
export function dayBytes(
  traffic: Traffic,
  date: number | { year: number; month: number; day: number },
): { in: number; out: number } {
  const day = typeof date === 'number' ? date : epochDay(date);
  // 1970-01-01 was a Thursday: index 3 of a Monday-first week.
  const factor = WEEK[(((day + 3) % 7) + 7) % 7]!;
  return {
    in: Math.round(traffic.inPerDay * factor),
    out: Math.round(traffic.outPerDay * factor),
  };
}

/** Bytes over the calendar days [from, to), as dates. */
function sumDays(
  traffic: Traffic,
  from: { year: number; month: number; day: number },
  to: { year: number; month: number; day: number },
) {
  const total = { in: 0, out: 0 };
  for (let d = epochDay(from), end = epochDay(to); d < end; d++) {
    const bytes = dayBytes(traffic, d);
    total.in += bytes.in;
    total.out += bytes.out;
  }
  return total;
}

/** Today's bytes so far at `now`: the day's total pro rata to the time elapsed (UK day). */
export function todayBytes(traffic: Traffic, now: number): { in: number; out: number } {
  const { today, dayStart, dayEnd } = ukMoment(now);
  const fraction = (now - dayStart) / (dayEnd - dayStart);
  const day = dayBytes(traffic, today);
  return { in: Math.round(day.in * fraction), out: Math.round(day.out * fraction) };
}

function sinceDate(service: FixtureService): { year: number; month: number } {
  const [year, month] = service.since.split('-').map(Number);
  return { year: year!, month: month! };
}

/** bytes_in/bytes_out of bandwidth.info: the UK month so far (full days, then today pro rata). */
export function monthToDate(service: FixtureService, type: string, now: number) {
  const traffic = service.bandwidth[type]!;
  const { today } = ukMoment(now);
  const full = sumDays(traffic, today.with({ day: 1 }), today);
  const partial = todayBytes(traffic, now);
  return { in: full.in + partial.in, out: full.out + partial.out };
}

/** A whole month's bytes (0 before the service existed). */
export function monthTotal(service: FixtureService, type: string, year: number, month: number) {
  const since = sinceDate(service);
  if (year < since.year || (year === since.year && month < since.month)) return { in: 0, out: 0 };
  const next =
    month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return sumDays(service.bandwidth[type]!, { year, month, day: 1 }, next);
}

/** Months with data in `year`: from the service's start, up to and including now's month. */
export function monthsWithData(service: FixtureService, year: number, now: number): number[] {
  const current = ukMoment(now).today;
  const since = sinceDate(service);
  const months: number[] = [];
  for (let month = 1; month <= 12; month++) {
    if (year < since.year || (year === since.year && month < since.month)) continue;
    if (year > current.year || (year === current.year && month > current.month)) continue;
    months.push(month);
  }
  return months;
}

/** Today's bytes per address: shares rounded, the last address takes the remainder. */
export function ipsToday(service: FixtureService, type: string, now: number) {
  const ips = service.connection?.ips ?? [];
  const today = todayBytes(service.bandwidth[type]!, now);
  let leftIn = today.in;
  let leftOut = today.out;
  return ips.map((ip, i) => {
    const last = i === ips.length - 1;
    const bytesIn = last ? leftIn : Math.round(today.in * ip.share);
    const bytesOut = last ? leftOut : Math.round(today.out * ip.share);
    leftIn -= bytesIn;
    leftOut -= bytesOut;
    return { address: ip.address, in: bytesIn, out: bytesOut };
  });
}

/** daily_rate (bytes/day so far) and predicted (bytes by month end), as Memset describes them. */
export function rateAndPrediction(service: FixtureService, type: string, now: number) {
  const { monthStart, daysInMonth } = ukMoment(now);
  const days = (now - monthStart) / 86_400_000;
  const mtd = monthToDate(service, type, now);
  const dailyRate = days > 0 ? (mtd.in + mtd.out) / days : 0;
  return { dailyRate, predicted: dailyRate * daysInMonth };
}

/** `remaining` of a metered connection, in GB (INFERRED unit), rounded as a float. */
export function remainingGb(service: FixtureService, type: string, now: number): number {
  const c = service.connection!;
  const mtd = monthToDate(service, type, now);
  return (
    Math.round(((c.inclusiveGb ?? 0) + (c.bankGb ?? 0) - (mtd.in + mtd.out) / 1e9) * 1e6) / 1e6
  );
}
