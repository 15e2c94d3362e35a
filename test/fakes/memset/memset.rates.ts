import { Temporal } from 'temporal-polyfill';
import { dayBytes, epochDay, UK, type Traffic } from './memset.fixture.ts';

/**
 * bandwidth.usage records: bits per second in/out per "date". The real record layout was not
 * seen (INFERRED), so the fake uses three date forms a Python API would plausibly emit:
 * hourly `yyyy-mm-dd HH:MM:SS` (UK time) for a day, daily or weekly `yyyy-mm-dd` for week to
 * half-year, and monthly `yyyy-mm` for a year.
 */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'halfyear', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface RateRecord {
  readonly date: string;
  readonly bps_in: number;
  readonly bps_out: number;
}

/** Average bits per second over UK days [from, to). */
function averageBps(traffic: Traffic, from: Temporal.PlainDate, to: Temporal.PlainDate) {
  let bytesIn = 0;
  let bytesOut = 0;
  const [first, end] = [epochDay(from), epochDay(to)];
  for (let d = first; d < end; d++) {
    const bytes = dayBytes(traffic, d);
    bytesIn += bytes.in;
    bytesOut += bytes.out;
  }
  const seconds = (end - first) * 86_400;
  return { bps_in: (bytesIn * 8) / seconds, bps_out: (bytesOut * 8) / seconds };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function rateRecords(traffic: Traffic, period: Period, now: number): RateRecord[] {
  const local = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(UK);
  const today = local.toPlainDate();
  const daily = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const day = today.subtract({ days: count - 1 - i });
      return { date: day.toString(), ...averageBps(traffic, day, day.add({ days: 1 })) };
    });
  const weekly = (count: number) => {
    const monday = today.subtract({ days: today.dayOfWeek - 1 });
    return Array.from({ length: count }, (_, i) => {
      const start = monday.subtract({ weeks: count - 1 - i });
      return { date: start.toString(), ...averageBps(traffic, start, start.add({ weeks: 1 })) };
    });
  };
  switch (period) {
    case 'day': {
      const hour = local.round({ smallestUnit: 'hour', roundingMode: 'floor' });
      return Array.from({ length: 24 }, (_, i) => {
        const at = hour.subtract({ hours: 23 - i });
        const day = at.toPlainDate();
        const date = `${day.toString()} ${pad(at.hour)}:00:00`;
        return { date, ...averageBps(traffic, day, day.add({ days: 1 })) };
      });
    }
    case 'week':
      return daily(7);
    case 'month':
      return daily(30);
    case 'quarter':
      return weekly(13);
    case 'halfyear':
      return weekly(26);
    case 'year':
      return Array.from({ length: 12 }, (_, i) => {
        const first = today.with({ day: 1 }).subtract({ months: 11 - i });
        return {
          date: `${first.year}-${pad(first.month)}`,
          ...averageBps(traffic, first, first.add({ months: 1 })),
        };
      });
  }
}
