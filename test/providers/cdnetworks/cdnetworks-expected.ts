import { storageBytes, trafficCentiMb } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import { DAY_MS, HOUR_MS, tokyoMidnight } from './cdnetworks-setup.ts';

/**
 * What the fixture implies, computed in the test from the fixture's own functions and plain
 * arithmetic: GMT+9 days, complete hours only, hundredths of a MB × 10^4 = bytes.
 */

/** `yyyy-MM-dd` dates from `first` to `last` inclusive. */
export function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (
    let t = Date.parse(`${first}T00:00:00Z`);
    t <= Date.parse(`${last}T00:00:00Z`);
    t += DAY_MS
  ) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** Bytes of CDN traffic of `domain` on a GMT+9 day, counting hours complete by `now`. */
export function trafficBytes(domain: string, date: string, now: number): number {
  let centi = 0;
  const start = tokyoMidnight(date);
  for (let hour = start; hour < start + DAY_MS && hour + HOUR_MS <= now; hour += HOUR_MS) {
    centi += trafficCentiMb(domain, hour);
  }
  return centi * 10_000;
}

export function storageOn(domain: string, date: string): number {
  return storageBytes(domain, date);
}
