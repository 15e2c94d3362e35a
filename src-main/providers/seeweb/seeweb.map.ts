import type { Meter, Sample, Scope } from '../../../src-shared/domain/meter.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { SEEWEB_BILLING_ZONE } from './seeweb.descriptor.ts';
import type { BillingMonth } from './seeweb.months.ts';
import type { ServerBillingRow, SnapshotBilling, TemplateBillingRow } from './seeweb.schema.ts';

/** The three billing answers for one month. */
export interface MonthBilling {
  readonly month: BillingMonth;
  readonly servers: readonly ServerBillingRow[];
  readonly templates: readonly TemplateBillingRow[];
  readonly snapshots: SnapshotBilling;
}

export interface MapOptions {
  readonly currency: string;
  /** Servers that get a meter of their own; null for every server. */
  readonly servers: ReadonlySet<string> | null;
  readonly now: Instant;
}

export const SEEWEB_METER_IDS = {
  total: 'cost-total',
  templates: 'cost:templates',
  snapshots: 'cost:snapshots',
  serversBeforeDiscounts: 'cost:servers-before-discounts',
} as const;

export const serverMeterId = (name: string): string => `cost:server:${name}`;

const MICROS = 1_000_000;

/** Sums money in millionths, so that 2.64 + 5.9 is 8.54 and not 8.540000000000001. */
export function sumMoney(values: Iterable<number>): number {
  let micros = 0;
  for (const value of values) micros += Math.round(value * MICROS);
  return micros / MICROS;
}

/** The whole account. A fresh object per meter: code that walks the usage may not expect sharing. */
const account = (): Scope => ({ level: 'account', id: '' });

function costMeter(id: string, label: string, scope: Scope, currency: string): Meter {
  return {
    id,
    label,
    kind: 'cost',
    unit: currency,
    scope,
    // Each answer is the month so far: a month-to-date total that restarts every month.
    series: 'cumulative',
    // Seeweb bills by the hour.
    resolution: 'hour',
    timeZone: SEEWEB_BILLING_ZONE,
  };
}

/** The account-level meters, present on every poll so their lines never come and go. */
export function accountMeters(currency: string): Meter[] {
  return [
    costMeter(SEEWEB_METER_IDS.total, 'Total (servers, templates, snapshots)', account(), currency),
    costMeter(
      SEEWEB_METER_IDS.serversBeforeDiscounts,
      'Servers before discounts',
      account(),
      currency,
    ),
    costMeter(
      SEEWEB_METER_IDS.templates,
      'Templates',
      { level: 'service', id: 'templates', label: 'Templates' },
      currency,
    ),
    costMeter(
      SEEWEB_METER_IDS.snapshots,
      'Snapshots',
      { level: 'service', id: 'snapshots', label: 'Snapshots' },
      currency,
    ),
  ];
}

/** "db-primary (ec200311)", "ci-runner (ec200412, deleted)", or the bare id without notes. */
function meterLabel(notes: string, name: string, deleted: boolean): string {
  const tags = notes === name ? [] : [name];
  if (deleted) tags.push('deleted');
  return tags.length === 0 ? name : `${notes} (${tags.join(', ')})`;
}

/** `notes` is the human label, `name` the server id (ec2xxxxx). */
function serverMeter(rows: readonly ServerBillingRow[], currency: string): Meter {
  const row = rows.at(-1)!;
  const originalCost = sumMoney(rows.map((r) => r.summary.original_cost));
  const cost = sumMoney(rows.map((r) => r.cost));
  const label = row.notes?.trim() ? row.notes.trim() : row.name;
  const details: Record<string, string | number> = {
    originalCost,
    discount: sumMoney([originalCost, -cost]),
  };
  if (row.plan) details.plan = row.plan;
  if (row.status) details.status = row.status;
  if (row.billed_hours !== null && row.billed_hours !== undefined)
    details.billedHours = row.billed_hours;
  if (row.deletion_date) details.deletedAt = row.deletion_date;
  return {
    ...costMeter(
      serverMeterId(row.name),
      meterLabel(label, row.name, Boolean(row.deletion_date)),
      { level: 'resource', id: row.name, label },
      currency,
    ),
    details,
  };
}

/**
 * Meters and month-to-date samples from the months' billing answers. A month's reading is
 * stamped at the month's end (or now, for the month in progress): the total up to that instant.
 */
export function mapBilling(
  months: readonly MonthBilling[],
  options: MapOptions,
): { meters: Meter[]; samples: Sample[] } {
  const meters = new Map<string, Meter>(accountMeters(options.currency).map((m) => [m.id, m]));
  const samples: Sample[] = [];
  const ordered = [...months].sort((a, b) => a.month.start - b.month.start);
  for (const { month, servers, templates, snapshots } of ordered) {
    const at = Math.min(month.end, options.now);
    const serverCost = sumMoney(servers.map((s) => s.cost));
    const templateCost = sumMoney(templates.map((t) => t.cost));
    const snapshotCost = snapshots.total_cost;
    samples.push(
      {
        meterId: SEEWEB_METER_IDS.total,
        at,
        value: sumMoney([serverCost, templateCost, snapshotCost]),
      },
      {
        meterId: SEEWEB_METER_IDS.serversBeforeDiscounts,
        at,
        value: sumMoney(servers.map((s) => s.summary.original_cost)),
      },
      { meterId: SEEWEB_METER_IDS.templates, at, value: templateCost },
      { meterId: SEEWEB_METER_IDS.snapshots, at, value: snapshotCost },
    );
    // A server billed twice in a month (re-created under the same id) is one line.
    const perServer = new Map<string, ServerBillingRow[]>();
    for (const row of servers) {
      if (options.servers && !options.servers.has(row.name)) continue;
      perServer.set(row.name, [...(perServer.get(row.name) ?? []), row]);
    }
    for (const [name, rows] of perServer) {
      // Later months overwrite earlier ones: the details describe the newest month.
      meters.set(serverMeterId(name), serverMeter(rows, options.currency));
      samples.push({ meterId: serverMeterId(name), at, value: sumMoney(rows.map((r) => r.cost)) });
    }
  }
  return { meters: [...meters.values()], samples };
}
