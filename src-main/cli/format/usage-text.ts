import type { ProviderErrorKind } from '../../../src-shared/domain/errors.ts';
import {
  formatMeterValue,
  formatRange,
  type UnitSystem,
} from '../../../src-shared/domain/units.ts';
import type { AccountSnapshot, MeterUsage } from '../../../src-shared/domain/usage.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { isoWithOffset } from '../../core/time/zoned.ts';
import { renderTable } from './table.ts';

const DASH = '—';

/** What the user can do about each kind of failure. */
export function hintFor(kind: ProviderErrorKind, accountId: string): string {
  switch (kind) {
    case 'auth':
      return `check the credentials (cloudmeter secret set ${accountId} <field>)`;
    case 'permission':
      return 'give the key the scope or right named above, or create a read-only billing key that has it';
    case 'rate-limited':
      return 'the provider asked to slow down; Cloudmeter retries later by itself';
    case 'network':
      return 'check the network connection, proxy settings (HTTPS_PROXY) or the base URL';
    case 'timeout':
      return 'the provider is slow to answer; Cloudmeter retries later by itself';
    case 'bad-response':
      return 'the provider answered in an unexpected shape; please report it with the message above';
    case 'server':
      return 'the provider has a problem on its side; Cloudmeter retries later by itself';
    case 'not-found':
      return 'check the account options (region, service name, domain) in the config';
    case 'invalid-request':
      return 'check the account options in the config';
  }
}

function minuteStamp(at: Instant | null): string {
  return at === null ? 'never' : isoWithOffset(at, 'UTC').slice(0, 16).replace('T', ' ') + ' UTC';
}

function percent(value: number | null): string {
  return value === null ? DASH : `${value.toFixed(1)} %`;
}

function meterRow(usage: MeterUsage, units: UnitSystem): string[] {
  const unit = usage.meter.unit;
  const fmt = (v: number | null) => (v === null ? DASH : formatMeterValue(v, unit, units));
  const forecast = usage.forecast
    ? formatRange(fmt(usage.forecast.low), fmt(usage.forecast.high))
    : DASH;
  return [
    usage.meter.label,
    fmt(usage.used),
    fmt(usage.quota?.limit ?? null),
    percent(usage.percentUsed),
    forecast,
    usage.level,
  ];
}

function statusLine(snapshot: AccountSnapshot): string {
  const s = snapshot.status;
  switch (s.state) {
    case 'ok':
      return `ok · data as of ${minuteStamp(snapshot.dataAsOf)}`;
    case 'error':
      return `error (${s.kind}): ${s.message}`;
    case 'needs-credentials':
      return `needs credentials: ${s.missing.join(', ')}`;
    case 'stale':
      return `stale since ${minuteStamp(s.since)}: ${s.message}`;
    default:
      return s.state;
  }
}

/** The human-readable `cloudmeter check` report. */
export function renderUsageText(
  snapshots: readonly AccountSnapshot[],
  units: UnitSystem,
  providerName: (snapshot: AccountSnapshot) => string,
): string {
  const out: string[] = [];
  for (const snapshot of snapshots) {
    out.push(
      `${snapshot.label}  [${snapshot.accountId}, ${providerName(snapshot)}]  ${statusLine(snapshot)}`,
    );
    const s = snapshot.status;
    if (s.state === 'error') out.push(`  → ${hintFor(s.kind, snapshot.accountId)}`);
    if (s.state === 'needs-credentials') {
      out.push(
        `  → store them with: ${s.missing.map((f) => `cloudmeter secret set ${snapshot.accountId} ${f}`).join('; ')}`,
      );
    }
    if (snapshot.meters.length > 0) {
      out.push(
        ...renderTable(
          ['METER', 'USED', 'QUOTA', 'USED %', 'FORECAST', 'STATE'],
          snapshot.meters.map((m) => meterRow(m, units)),
          {
            indent: '  ',
            align: ['left', 'right', 'right', 'right', 'right', 'left'],
          },
        ),
      );
    }
    for (const notice of snapshot.notices) out.push(`  ${notice.level}: ${notice.message}`);
    out.push('');
  }
  return out.join('\n');
}
