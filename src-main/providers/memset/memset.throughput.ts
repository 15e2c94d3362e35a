import { Temporal } from 'temporal-polyfill';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { ThroughputSeries, ThroughputWindow } from '../../../src-shared/domain/throughput.ts';
import { providerError } from '../http-json.ts';
import { MEMSET_ZONE } from './memset.descriptor.ts';
import type { ThroughputAnswer } from './memset.schema.ts';

const MONTH = /^\d{4}-\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A `bandwidth.usage` record date. Its format is not documented (INFERRED), so every plausible
 * one is read: `yyyy-mm`, `yyyy-mm-dd`, a date-time with or without an offset (without one it
 * is UK time), or epoch seconds. Null when it is none of them.
 */
export function parseMemsetInstant(raw: string | number, timeZone = MEMSET_ZONE): Instant | null {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const dayStart = (date: string) =>
    Temporal.PlainDate.from(date, { overflow: 'reject' }).toZonedDateTime({ timeZone })
      .epochMilliseconds;
  try {
    if (/^\d{9,11}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    if (MONTH.test(text)) return dayStart(`${text}-01`);
    if (DATE.test(text)) return dayStart(text);
    const dateTime = DATE_TIME.exec(text);
    if (!dateTime) return null;
    const [, day, time, offset] = dateTime;
    if (offset !== undefined)
      return Temporal.Instant.from(`${day}T${time}${offset}`).epochMilliseconds;
    return Temporal.PlainDateTime.from(`${day}T${time}`, { overflow: 'reject' }).toZonedDateTime(
      timeZone,
    ).epochMilliseconds;
  } catch {
    return null;
  }
}

/**
 * `bandwidth.usage(service, period)` → one series of bits per second in/out per service type,
 * oldest point first. A date that cannot be read fails the whole answer as `bad-response`
 * naming the record, rather than drawing a chart with a hole or a point in the wrong place.
 */
export function mapThroughput(
  service: string,
  answer: ThroughputAnswer,
  window: ThroughputWindow,
  what: string,
): ThroughputSeries[] {
  return Object.entries(answer).map(([type, records]) => {
    const rows = Array.isArray(records)
      ? records.map((r, i) => ({ where: `${type}[${i}].date`, ...r }))
      : Object.entries(records).map(([date, r]) => ({ where: `${type}.${date}`, date, ...r }));
    const points = rows.map((row) => {
      const at = parseMemsetInstant(row.date);
      if (at === null || at < 0) {
        throw providerError('bad-response', what, {
          providerMessage: `${row.where}: unreadable date ${JSON.stringify(row.date)}`,
        });
      }
      return { at, inBps: row.bps_in, outBps: row.bps_out };
    });
    points.sort((a, b) => a.at - b.at);
    return {
      scope: { level: 'service', id: service, label: `${service} (${type})` },
      window,
      points,
    };
  });
}
