import type { ExportRow } from './history-store.ts';
import { isoWithOffset } from './time/zoned.ts';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = [
  'account',
  'provider',
  'meter',
  'label',
  'series',
  'unit',
  'timestamp',
  'value',
] as const;

/**
 * One exported sample. `series` says how to read `value`: `delta` (used in the interval starting
 * at `timestamp`), `cumulative` (used since the provider's monthly reset, up to `timestamp`) or
 * `gauge` (a level at `timestamp`). Timestamps carry the provider's zone offset.
 */
function record(row: ExportRow) {
  return {
    account: row.accountId,
    provider: row.provider,
    meter: row.meter.id,
    label: row.meter.label,
    series: row.meter.series,
    unit: row.meter.unit,
    timestamp: isoWithOffset(row.at, row.meter.timeZone),
    value: row.value,
  };
}

/**
 * A CSV cell: quoted when needed (RFC 4180), and text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe — labels come from providers.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The export as text chunks, so that years of hourly samples never sit in memory at once. */
export function* exportChunks(rows: Iterable<ExportRow>, format: ExportFormat): Generator<string> {
  if (format === 'csv') {
    yield `${EXPORT_COLUMNS.join(',')}\r\n`;
    for (const row of rows) {
      const r = record(row);
      yield `${EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`;
    }
    return;
  }
  yield '[';
  let first = true;
  for (const row of rows) {
    yield `${first ? '\n' : ',\n'}  ${JSON.stringify(record(row))}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
