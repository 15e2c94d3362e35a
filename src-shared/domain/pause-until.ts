import { Temporal } from 'temporal-polyfill';
import type { Instant } from './primitives.ts';

/** "Pause until tomorrow" ends at this hour of the next day: the next working morning. */
export const PAUSE_UNTIL_HOUR = 8;

/**
 * 08:00 tomorrow in `timeZone` (the user's): when "pause until tomorrow" ends, in the tray menu
 * and in the window alike. (08:00 skipped by a DST change becomes the next valid time.)
 */
export function tomorrowMorning(now: Instant, timeZone: string): Instant {
  const today = Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  return today.add({ days: 1 }).toZonedDateTime({ timeZone, plainTime: { hour: PAUSE_UNTIL_HOUR } })
    .epochMilliseconds;
}
