import { Temporal } from 'temporal-polyfill';
import type { AccountInput } from '../../../src-shared/domain/account.ts';
import { FakeServer, type FakeReply, type FakeRequest } from '../fake-server.ts';
import type { ProviderFake, ProviderFakeOptions } from '../provider-fake.ts';
import {
  LIVE_SERVERS,
  SEEWEB_FAKE_TOKEN,
  SEEWEB_FAKE_USERNAME,
  SERVER_MONTHS,
  SNAPSHOT_MONTHS,
  TEMPLATE_MONTHS,
  type MonthDay,
  type ServerMonth,
} from './seeweb.fixture.ts';

/**
 * A fake Seeweb ECS API v2, written from docs.seeweb.it and the official Go client (not from
 * the adapter): `X-APITOKEN` required; billing for servers and templates as top-level arrays
 * and for snapshots as an object; future months refused with 400; the server list under the
 * singular key `server` with `plan_size` values as strings for one server and numbers for
 * another. Errors are `{status: "error", error_code, message}` (the INFERRED flat shape).
 */
export interface SeewebFakeOptions extends ProviderFakeOptions {
  /**
   * Where the fake decides which month is "now" (and so which is future). Seeweb does not say;
   * UTC is the strict choice for a client, because Rome is already in the next month for an
   * hour or two around midnight of the 1st while UTC is not.
   */
  readonly futureZone?: string;
}

export interface SeewebFake extends ProviderFake {
  /** Held this long inside the handler, so tests can see how many requests overlap. */
  holdMs: number;
  /** The most requests the handler had in flight at once. */
  readonly maxInFlight: number;
  /** Year and month the fake considers current. */
  currentMonth(): { year: number; month: number };
  /**
   * Answer billing JSON as the docs' example is written: pretty-printed, with a comma after
   * the last element of every array and object (`},\n]`).
   */
  trailingCommas: boolean;
}

/** Pretty JSON with a trailing comma before every closing bracket that follows a value. */
function withTrailingCommas(body: unknown): string {
  return JSON.stringify(body, null, 2).replace(/([^[{\s])(\n\s*[\]}])/g, '$1,$2');
}

const money = (value: number) => Math.round(value * 100) / 100;

function error(status: number, message: string): FakeReply {
  return { status, json: { status: 'error', error_code: status, message } };
}

/** An absolute month from an offset against the current one. */
function shift(current: { year: number; month: number }, offset: number) {
  const date = Temporal.PlainYearMonth.from(current).add({ months: offset });
  return { year: date.year, month: date.month };
}

function stamp(current: { year: number; month: number }, when: MonthDay | undefined, time: string) {
  if (!when) return null;
  const { year, month } = shift(current, when.offset);
  const day = Temporal.PlainDate.from({ year, month, day: when.day });
  return `${day.toString()}T${time}+00:00`;
}

function serverRow(
  server: ServerMonth,
  year: number,
  month: number,
  current: { year: number; month: number },
) {
  const reservedPrice = server.reserved.reduce((sum, r) => sum + r.price, 0);
  const reservedHours = server.reserved.reduce((sum, r) => sum + r.hours, 0);
  return {
    plan: server.plan,
    name: server.name,
    group: null,
    notes: server.notes,
    status: server.status,
    year,
    month,
    creation_date: stamp(current, server.created, '10:06:22.973332'),
    deletion_date: stamp(current, server.deleted, '17:41:09.120045'),
    billed_hours: server.online.hours + server.offline.hours + reservedHours,
    cost: money(server.online.price + server.offline.price + reservedPrice),
    summary: {
      online_hour: server.online.hours,
      online_price: server.online.price,
      offline_hour: server.offline.hours,
      offline_discount: server.offline.discountPercent,
      offline_price: server.offline.price,
      offline_reduction: server.offline.reduction,
      reserved_discounts: server.reserved.map((r) => ({
        reserved_plan: r.plan,
        reserved_hour: r.hours,
        reserved_discount: r.discountPercent,
        reserved_price: r.price,
        reserved_reduction: r.reduction,
        reserved_start_date: stamp(current, server.created, '10:06:22.973332'),
        reserved_end_date: stamp(
          current,
          { ...server.created, offset: server.created.offset + 6 },
          '10:06:22.973332',
        ),
      })),
      original_cost: server.originalCost,
    },
  };
}

function billing(
  kind: string,
  year: number,
  month: number,
  offset: number,
  current: { year: number; month: number },
) {
  switch (kind) {
    case 'servers':
      return (SERVER_MONTHS[offset] ?? []).map((s) => serverRow(s, year, month, current));
    case 'templates':
      return (TEMPLATE_MONTHS[offset] ?? []).map((t) => ({
        cost: t.cost,
        name: t.name,
        status: t.status,
        creation_date: stamp(current, t.created, '08:10:49.938995'),
        deletion_date: null,
        notes: t.notes,
        year,
        month,
        ...(t.hours === undefined ? {} : { hours: t.hours, size_on_disk: t.sizeOnDisk }),
      }));
    default: {
      const rows = SNAPSHOT_MONTHS[offset] ?? [];
      return {
        year,
        month,
        total_cost: money(rows.reduce((sum, r) => sum + r.finalCost, 0)),
        rows_count: rows.length,
        snapshots: rows.map((r) => ({
          snapshot: r.id,
          snapshot_name: r.name,
          snapshot_status: r.status,
          snapshot_status_label: r.status === 'DD' ? 'Deleted' : 'Active',
          snapshot_description: r.description,
          snapshot_created_at: stamp(current, r.created, '12:00:00.129801'),
          snapshot_deleted_at: stamp(current, r.deleted, '16:36:55.938131'),
          size_on_disk: r.sizeOnDisk,
          hours: r.hours,
          final_cost: r.finalCost,
        })),
      };
    }
  }
}

/** `type=csv` (or no type): the column names are not documented; the JSON keys, flattened. */
function csvOf(body: unknown): string {
  const rows = Array.isArray(body)
    ? (body as Record<string, unknown>[])
    : ((body as { snapshots: Record<string, unknown>[] }).snapshots ?? []);
  const keys = rows.length > 0 ? Object.keys(rows[0]!).filter((k) => k !== 'summary') : [];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n');
}

const BILLING = /^\/ecs\/v2\/billing\/(servers|templates|snapshots)\/([^/]+)\/([^/]+)\/?$/;

export async function startSeewebFake(options: SeewebFakeOptions): Promise<SeewebFake> {
  const futureZone = options.futureZone ?? 'UTC';
  const currentMonth = () => {
    const local = Temporal.Instant.fromEpochMilliseconds(options.now()).toZonedDateTimeISO(
      futureZone,
    );
    return { year: local.year, month: local.month };
  };
  let inFlight = 0;
  let maxInFlight = 0;
  const state = { holdMs: 0, trailingCommas: false };

  const route = (request: FakeRequest): FakeReply => {
    if (request.headers['x-apitoken'] !== SEEWEB_FAKE_TOKEN) {
      return error(401, 'Invalid or missing API token');
    }
    if (request.method !== 'GET') return error(405, 'Method not allowed');
    if (request.path === '/ecs/v2/account' || request.path === '/ecs/v2/account/') {
      return {
        json: {
          username: SEEWEB_FAKE_USERNAME,
          email: 'ops@acme.example',
          reserved_available: true,
          offline_available: true,
          ecs_special_discount: 0,
          ecshm_special_discount: 0,
          ecsgpu_special_discount: 0,
        },
      };
    }
    if (request.path === '/ecs/v2/servers' || request.path === '/ecs/v2/servers/') {
      return { json: { status: 'ok', count: LIVE_SERVERS.length, server: LIVE_SERVERS } };
    }
    const match = BILLING.exec(request.path);
    if (!match) return error(404, 'Not found');
    const [, kind, yearText, monthText] = match as unknown as [string, string, string, string];
    const year = Number(yearText);
    const month = Number(monthText);
    if (!/^\d{4}$/.test(yearText) || !/^\d{1,2}$/.test(monthText) || month < 1 || month > 12) {
      return error(400, 'Invalid year or month');
    }
    const type = request.query.get('type');
    if (type !== null && type !== 'json' && type !== 'csv') return error(400, 'Invalid type');
    const current = currentMonth();
    const offset = year * 12 + month - (current.year * 12 + current.month);
    if (offset > 0) return error(400, 'Future dates are not allowed');
    const body = billing(kind, year, month, offset, current);
    // The docs: JSON only with type=json; otherwise text/csv.
    if (type !== 'json') return { headers: { 'content-type': 'text/csv' }, text: csvOf(body) };
    if (state.trailingCommas) {
      return { headers: { 'content-type': 'application/json' }, text: withTrailingCommas(body) };
    }
    return { json: body };
  };

  const server = await FakeServer.start(
    async (request) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (state.holdMs > 0) await new Promise((r) => setTimeout(r, state.holdMs));
        return route(request);
      } finally {
        inFlight -= 1;
      }
    },
    { latencyMs: options.latencyMs ?? 0 },
  );

  return {
    provider: 'seeweb',
    server,
    credentials: { apiToken: SEEWEB_FAKE_TOKEN },
    secretFields: ['apiToken'],
    get holdMs() {
      return state.holdMs;
    },
    set holdMs(ms: number) {
      state.holdMs = ms;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get trailingCommas() {
      return state.trailingCommas;
    },
    set trailingCommas(on: boolean) {
      state.trailingCommas = on;
    },
    currentMonth,
    account(id = 'seeweb-fake'): AccountInput {
      return {
        id,
        provider: 'seeweb',
        label: 'Seeweb ECS (fake)',
        baseUrl: server.baseUrl,
        options: {},
      };
    },
    close: () => server.close(),
  };
}
