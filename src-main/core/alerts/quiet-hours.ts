import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { zoned } from '../time/zoned.ts';

/** Local clock times `HH:MM`; `from` after `to` spans midnight (22:00–07:00). */
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

function clock(text: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a time of day HH:MM: "${text}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function minutesOf(time: { hour: number; minute: number }): number {
  return time.hour * 60 + time.minute;
}

/** Whether `at` falls in the quiet hours, in the user's zone. Equal from and to: never. */
export function isQuietAt(at: Instant, quiet: QuietHours, timeZone: string): boolean {
  const from = minutesOf(clock(quiet.from));
  const to = minutesOf(clock(quiet.to));
  const local = zoned(at, timeZone);
  const now = local.hour * 60 + local.minute;
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * The first instant after `at` at which the local clock shows `quiet.to`. On the night the
 * clocks go forward a time inside the gap is moved forward by the gap's length (01:30 in
 * London on 31 March 2024 → 02:30 BST), as Temporal's "compatible" rule does.
 */
export function quietEndsAfter(at: Instant, quiet: QuietHours, timeZone: string): Instant {
  const plainTime = Temporal.PlainTime.from(clock(quiet.to));
  const today = zoned(at, timeZone).toPlainDate();
  for (const date of [today, today.add({ days: 1 })]) {
    const end = date.toZonedDateTime({ timeZone, plainTime }).epochMilliseconds;
    if (end > at) return end;
  }
  return today.add({ days: 2 }).toZonedDateTime({ timeZone, plainTime }).epochMilliseconds;
}
