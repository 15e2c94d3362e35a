import type { Instant } from './primitives.ts';

/** "Pause until tomorrow" ends at this hour of the next day: the next working morning. */
export const PAUSE_UNTIL_HOUR = 8;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** `at` read on a wall clock in `timeZone`, as if that wall clock were UTC. */
function wallClock(at: Instant, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = Number(value);
  return Date.UTC(
    part.year ?? 1970,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
}

/**
 * 08:00 tomorrow in `timeZone` (the user's): when "pause until tomorrow" ends, in the tray menu
 * and in the window alike. Intl only, so that the window needs no date library for it.
 */
export function tomorrowMorning(now: Instant, timeZone: string): Instant {
  const today = new Date(wallClock(now, timeZone));
  const target = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate() + 1,
    PAUSE_UNTIL_HOUR,
  );
  // The instant whose wall clock reads `target`: its offset is the zone's at that instant,
  // which the first guess (the offset at `target` read as UTC) may miss by a DST switch.
  const offsetAt = (at: number) => wallClock(at, timeZone) - (at - (at % 1000));
  const guess = target - offsetAt(target);
  return target - offsetAt(guess);
}
