/**
 * Date handling of the CDNetworks fake, written against the API's documented formats. The API
 * only ever speaks in fixed GMT offsets (`X-Time-Zone: GMT+09:00`, `+09:00` in dates, Local
 * Storage in GMT+9), so the fake works in offsets with plain arithmetic: cheap enough for the
 * benchmark, and independent of the adapter's Temporal code.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A fixed offset from UTC, in milliseconds. */
export type Offset = number;

/** Local Storage data lives in GMT+9 whatever the caller asks. */
export const STORAGE_ZONE: Offset = 9 * HOUR_MS;
/** X-Time-Zone's documented default: GMT+08:00. */
export const DEFAULT_ZONE: Offset = 8 * HOUR_MS;

/** `GMT+09:00` → its offset; null when it breaks the documented `^GMT[+-]\d\d:00$`. */
export function zoneOfHeader(header: string | undefined): Offset | null {
  if (header === undefined) return DEFAULT_ZONE;
  const match = /^GMT([+-]\d\d):00$/.exec(header);
  return match ? Number(match[1]) * HOUR_MS : null;
}

/** Midnight of a strict, real `yyyy-MM-dd` date at `zone`; null otherwise. */
export function midnightOf(date: unknown, zone: Offset): number | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const utc = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over; a real date prints back the same.
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) return null;
  return utc - zone;
}

/** `yyyy-MM-ddTHH:mm:ss±HH:mm` (the report APIs' format) → epoch ms; null otherwise. */
export function instantOfOffsetTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/** Wall-clock fields at `zone`, read through a UTC Date shifted by the offset. */
const wall = (at: number, zone: Offset) => new Date(at + zone).toISOString();

export function dayLabel(at: number, zone: Offset): string {
  return wall(at, zone).slice(0, 10);
}

export function startOfDayIn(at: number, zone: Offset): number {
  return Math.floor((at + zone) / DAY_MS) * DAY_MS - zone;
}

/** Midnight of the same date two years before the day containing `now`. */
export function twoYearsBefore(now: number, zone: Offset): number {
  const today = new Date(startOfDayIn(now, zone) + zone);
  today.setUTCFullYear(today.getUTCFullYear() - 2);
  return today.getTime() - zone;
}

/** `yyyy-MM-dd HH:mm` of an instant at `zone` (traffic-request names a slice by its end). */
export function minuteLabel(at: number, zone: Offset): string {
  return wall(at, zone).slice(0, 16).replace('T', ' ');
}

/** domaintraffic's hourly label: `yyyy-MM-dd HH`, 01 to 24, naming the hour that ends then. */
export function hourlyLabel(hourStart: number, zone: Offset): string {
  const start = wall(hourStart, zone);
  return `${start.slice(0, 10)} ${String(Number(start.slice(11, 13)) + 1).padStart(2, '0')}`;
}
