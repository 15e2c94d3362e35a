const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Day boundaries in an IANA zone, fast enough for years of hourly samples. Asking Intl for a
 * zone's offset costs about 10 µs, so offsets are asked once per UTC day (and per hour only on
 * the rare days when the offset changes), and remembered per zone for the life of the page.
 */
export interface ZoneDays {
  /** The instant the zone's calendar day containing `at` begins. */
  dayStart(at: number): number;
  /** The instant the zone's calendar month containing `at` begins. */
  monthStart(at: number): number;
}

const zones = new Map<string, ZoneDays>();

export function zoneDays(timeZone: string): ZoneDays {
  let days = zones.get(timeZone);
  if (!days) zones.set(timeZone, (days = createZoneDays(timeZone)));
  return days;
}

function createZoneDays(timeZone: string): ZoneDays {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const exactOffset = (at: number): number => {
    const field: Record<string, number> = {};
    for (const part of parts.formatToParts(at)) field[part.type] = Number(part.value);
    const wall = Date.UTC(
      field.year ?? 0,
      (field.month ?? 1) - 1,
      field.day ?? 1,
      field.hour ?? 0,
      field.minute ?? 0,
      field.second ?? 0,
    );
    return wall - (at - (at % 1000));
  };
  const byDay = new Map<number, number>();
  const byHour = new Map<number, number>();
  const dayOffset = (utcDay: number): number => {
    let offset = byDay.get(utcDay);
    if (offset === undefined) byDay.set(utcDay, (offset = exactOffset(utcDay * DAY_MS)));
    return offset;
  };
  const offsetAt = (at: number): number => {
    const utcDay = Math.floor(at / DAY_MS);
    const offset = dayOffset(utcDay);
    if (offset === dayOffset(utcDay + 1)) return offset;
    // The offset changes during this UTC day (a DST switch): ask per hour.
    const hour = Math.floor(at / HOUR_MS);
    let exact = byHour.get(hour);
    if (exact === undefined) byHour.set(hour, (exact = exactOffset(hour * HOUR_MS)));
    return exact;
  };
  const localDate = (at: number) => new Date(at + offsetAt(at));
  return {
    dayStart(at) {
      const offset = offsetAt(at);
      const local = Math.floor((at + offset) / DAY_MS) * DAY_MS;
      return local - offsetAt(local - offset);
    },
    monthStart(at) {
      const date = localDate(at);
      const local = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      return local - offsetAt(local - offsetAt(at));
    },
  };
}
