import type { FakeReply, FakeRequest } from '../fake-server.ts';
import { storageBytes, trafficCentiMb, type FixtureDomain } from './cdnetworks-fixture.ts';
import {
  DAY_MS,
  HOUR_MS,
  STORAGE_ZONE,
  dayLabel,
  hourlyLabel,
  instantOfOffsetTime,
  midnightOf,
  minuteLabel,
  startOfDayIn,
  twoYearsBefore,
  zoneOfHeader,
} from './cdnetworks-fake-time.ts';

/**
 * The CDNetworks endpoints the fake serves, from providers.md §3 and the seed page: their
 * documented date rules (400 `{code, message}`), GMT+9 Local Storage days, byte and MB counts
 * as strings, and the two documented shapes of /api/domain-usage.
 */

export type UsageShape = 'seed' | 'sdk';

export interface RouteContext {
  readonly now: number;
  readonly contracts: readonly string[];
  readonly usageShape: UsageShape;
  /** The user's domains (the fixture's three unless a test adds more). */
  readonly domains: readonly FixtureDomain[];
}

const error = (status: number, code: string, message: string): FakeReply => ({
  status,
  json: { code, message },
});

function bodyOf(request: FakeRequest): Record<string, unknown> | null {
  try {
    const body = JSON.parse(request.body) as unknown;
    return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function domainList(ctx: RouteContext): FakeReply {
  return {
    json: {
      'domain-list': ctx.domains.map((d) => ({
        'domain-name': d.name,
        'domain-id': d.id,
        cname: `${d.name}.cdngc.net`,
        'service-type': d.serviceType,
        status: d.status,
        'cdn-service-status': 'true',
        enabled: 'true',
        'last-modified': '2024-01-01T22:30:00+08:00',
        'billing-areas': 'Global',
      })),
    },
  };
}

const INVALID_DATE = () => error(400, '24102006', 'The date specified is invalid.');

/** POST /api/domain-usage (GetDomainUsage, Local Storage), per the seed's rules and codes. */
export function domainUsage(request: FakeRequest, ctx: RouteContext): FakeReply {
  const body = bodyOf(request);
  if (!body)
    return error(
      400,
      '24102023',
      "Invalid parameters. Please check the 'contract' or 'dateFrom' or 'dateTo'.",
    );
  const from = midnightOf(body.dateFrom, STORAGE_ZONE);
  const to = midnightOf(body.dateTo, STORAGE_ZONE);
  if (from === null || to === null) return error(400, '24102021', 'Date format error.');
  if (typeof body.domain !== 'string' || body.domain === '' || body.domain.includes(',')) {
    return error(400, '24102008', 'param: domain is null or invalid.');
  }
  if (typeof body.contract !== 'string' || body.contract === '') {
    return error(
      400,
      '24102023',
      "Invalid parameters. Please check the 'contract' or 'dateFrom' or 'dateTo'.",
    );
  }
  const type = body.type ?? 'd';
  if (type !== 'd' && type !== 'h') {
    return error(
      400,
      '24102023',
      "Invalid parameters. Please check the 'contract' or 'dateFrom' or 'dateTo'.",
    );
  }
  if (!ctx.contracts.includes(body.contract))
    return error(400, '34102022', 'No contract permission');
  const domain = ctx.domains.find((d) => d.name === body.domain);
  if (!domain) return error(400, '24102008', 'Domain not found');
  if (domain.contract !== body.contract) {
    return error(400, '24102023', 'Failed to get ids. Please check the domain.');
  }
  // dateFrom < now and < dateTo; at most 31 days apart; not older than 2 years.
  if (from >= ctx.now || to <= from || to - from > 31 * DAY_MS) return INVALID_DATE();
  if (from < twoYearsBefore(ctx.now, STORAGE_ZONE)) return INVALID_DATE();
  // dateTo is inclusive, and clamped to now when later.
  const last = Math.min(to, ctx.now);
  const rows: { timestamp: string; usage: string }[] = [];
  for (let day = from; day <= last; day += DAY_MS) {
    const date = dayLabel(day, STORAGE_ZONE);
    const usage = String(storageBytes(domain.name, date));
    if (type === 'd') {
      rows.push({ timestamp: ctx.usageShape === 'seed' ? date : `${date} 00:00`, usage });
      continue;
    }
    for (let hour = day; hour < day + DAY_MS && hour <= ctx.now; hour += HOUR_MS) {
      rows.push({ timestamp: minuteLabel(hour, STORAGE_ZONE), usage });
    }
  }
  return ctx.usageShape === 'seed'
    ? { json: { code: '0', message: 'success', data: rows } }
    : { json: { domain: domain.name, usage: rows } };
}

/** Hundredths of a MB for `domains` over the complete hours in [from, to) before now. */
function centiMb(domains: readonly string[], from: number, to: number, now: number): number {
  let total = 0;
  for (let hour = from; hour < to && hour + HOUR_MS <= now; hour += HOUR_MS) {
    for (const domain of domains) total += trafficCentiMb(domain, hour);
  }
  return total;
}

const mb = (centi: number) => (centi / 100).toFixed(2);

function requestedDomains(
  body: Record<string, unknown> | null,
  known: readonly FixtureDomain[],
): string[] | null {
  const list = (body?.['domain-list'] as { 'domain-name'?: unknown } | undefined)?.['domain-name'];
  if (!Array.isArray(list) || list.length === 0) return null;
  const names = list.filter((n): n is string => known.some((d) => d.name === n));
  return names.length === list.length ? names : null;
}

/**
 * POST /api/report/domaintraffic (QueryTotalTrafficForMultiDomains). Dates carry their own
 * offset; slices are days (or hours) in X-Time-Zone (default GMT+08:00), and the slices
 * containing dateFrom and dateTo are both returned, so a dateTo at midnight brings the next
 * day's slice along.
 */
export function domainTraffic(request: FakeRequest, ctx: RouteContext): FakeReply {
  const zone = zoneOfHeader(request.headers['x-time-zone']);
  if (zone === null) return error(400, 'InvalidTimeZone', 'X-Time-Zone must look like GMT+08:00');
  const from = instantOfOffsetTime(request.query.get('dateFrom'));
  const to = instantOfOffsetTime(request.query.get('dateTo'));
  if (from === null || to === null) return error(400, 'InvalidDateFormat', 'Date format error.');
  const granularity = request.query.get('granularity') ?? 'daily';
  if (granularity !== 'daily' && granularity !== 'hourly') {
    return error(400, 'InvalidGranularity', 'granularity must be daily or hourly here');
  }
  const domains = requestedDomains(bodyOf(request), ctx.domains);
  if (!domains) return error(400, 'InvalidDomain', 'domain-list.domain-name is empty or unknown');
  if (from >= ctx.now || to <= from || to - from > 31 * DAY_MS) return INVALID_DATE();
  if (from < twoYearsBefore(ctx.now, zone)) return INVALID_DATE();
  const end = Math.min(to, ctx.now);
  const dataSeries: { timestamp: string; traffic: string }[] = [];
  let total = 0;
  if (granularity === 'daily') {
    for (let day = startOfDayIn(from, zone); day <= end; day += DAY_MS) {
      const value = centiMb(domains, day, day + DAY_MS, ctx.now);
      total += value;
      dataSeries.push({ timestamp: dayLabel(day, zone), traffic: mb(value) });
    }
  } else {
    for (
      let hour = from - (from % HOUR_MS);
      hour < end && hour + HOUR_MS <= ctx.now;
      hour += HOUR_MS
    ) {
      const value = centiMb(domains, hour, hour + HOUR_MS, ctx.now);
      total += value;
      dataSeries.push({ timestamp: hourlyLabel(hour, zone), traffic: mb(value) });
    }
  }
  return { json: { totalTraffic: Number(mb(total)), dataSeries } };
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * POST /api/report/traffic-request: 5-minute slices, at most 1 day per call (the default),
 * the last 183 days, both dates empty = the last 24 hours, per domain with groupBy domain.
 */
export function trafficRequest(request: FakeRequest, ctx: RouteContext): FakeReply {
  const zone = zoneOfHeader(request.headers['x-time-zone']);
  const body = bodyOf(request) ?? {};
  if (zone === null) return error(400, 'InvalidTimeZone', 'X-Time-Zone must look like GMT+08:00');
  const bothEmpty = body.dateFrom === undefined && body.dateTo === undefined;
  const from = bothEmpty ? ctx.now - DAY_MS : instantOfOffsetTime(body.dateFrom);
  const to = bothEmpty ? ctx.now : instantOfOffsetTime(body.dateTo);
  if (from === null || to === null) return error(400, 'InvalidDateFormat', 'Date format error.');
  if (from >= ctx.now || to <= from || to - from > DAY_MS || from < ctx.now - 183 * DAY_MS) {
    return INVALID_DATE();
  }
  const asked = Array.isArray(body.domain) ? body.domain : ctx.domains.map((d) => d.name);
  const known = asked.filter((n): n is string => ctx.domains.some((d) => d.name === n));
  if (known.length !== asked.length) return error(400, 'InvalidDomain', 'unknown domain');
  const byDomain = Array.isArray(body.groupBy) && body.groupBy.includes('domain');
  const groups = byDomain ? known.map((d) => [d]) : [known];
  const end = Math.min(to, ctx.now);
  const result = groups.map((group) => {
    const dataSeries = [];
    let total = 0;
    for (
      let slice = from - (from % FIVE_MINUTES);
      slice + FIVE_MINUTES <= end;
      slice += FIVE_MINUTES
    ) {
      const hour = slice - (slice % HOUR_MS);
      const index = (slice - hour) / FIVE_MINUTES;
      let centi = 0;
      for (const domain of group) {
        const perHour = trafficCentiMb(domain, hour);
        centi += Math.floor(perHour / 12) + (index < perHour % 12 ? 1 : 0);
      }
      total += centi;
      const bandwidth = ((centi / 100) * 8) / 300;
      dataSeries.push({
        timestamp: minuteLabel(slice + FIVE_MINUTES, zone),
        traffic: mb(centi),
        bandwidth: bandwidth.toFixed(2),
        requests: String(Math.round(centi / 7)),
      });
    }
    let peak = dataSeries[0];
    for (const s of dataSeries) if (peak && Number(s.bandwidth) > Number(peak.bandwidth)) peak = s;
    return {
      domain: group.join(','),
      totalTraffic: mb(total),
      totalRequests: String(dataSeries.reduce((sum, s) => sum + Number(s.requests), 0)),
      peakBandwidth: peak?.bandwidth ?? '0.00',
      peakBandwidthTimestamp: peak?.timestamp ?? '',
      peakRequests: peak?.requests ?? '0',
      peakRequestsTimestamp: peak?.timestamp ?? '',
      dataSeries,
    };
  });
  return { json: { result } };
}
