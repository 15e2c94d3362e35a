import type { Instant } from '../../src-shared/domain/primitives.ts';
import {
  formatMeterValue,
  type MeterUnit,
  type UnitSystem,
} from '../../src-shared/domain/units.ts';

/**
 * Numbers, amounts and dates for people, in the chosen locale, through Intl. Sizes and money go
 * through src-shared/domain/units.ts, the one place where units are converted. Formatters are
 * built once per locale: constructing an Intl object costs far more than using it.
 */
export interface Formatters {
  readonly locale: string;
  readonly units: UnitSystem;
  amount(value: number, unit: MeterUnit): string;
  number(value: number, maximumFractionDigits?: number): string;
  percent(percent: number): string;
  /** A calendar date, in the zone where the date means something (the provider's billing zone). */
  date(at: Instant, timeZone?: string): string;
  /** "Nov 21" without the year, for chart axes. */
  shortDate(at: Instant, timeZone?: string): string;
  month(at: Instant, timeZone?: string): string;
  /** "Nov 2026", for chart axes. */
  monthShort(at: Instant, timeZone?: string): string;
  dateTime(at: Instant, timeZone?: string): string;
  /** "3 hours ago", "in 2 days", relative to `now`. */
  relative(at: Instant, now: Instant): string;
  bitRate(bitsPerSecond: number): string;
  /** "Japanese Yen", "日本円": a currency by its ISO code. */
  currencyName(code: string): string;
  /** "API key and Secret key", "API キー、シークレットキー". */
  list(items: readonly string[]): string;
}

const DAY_MS = 86_400_000;

function cached<K, V>(make: (key: K) => V): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = make(key)));
    return value;
  };
}

const DATE_STYLES = {
  date: { dateStyle: 'medium' },
  shortDate: { month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  monthShort: { year: 'numeric', month: 'short' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const BIT_UNITS = ['bit', 'kilobit', 'megabit', 'gigabit', 'terabit'] as const;

export function createFormatters(locale: string, units: UnitSystem): Formatters {
  const numberFormat = cached(
    (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }),
  );
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const dates = new Map<string, Intl.DateTimeFormat>();
  const dateWith =
    (style: keyof typeof DATE_STYLES) =>
    (at: Instant, timeZone?: string): string => {
      const key = `${style}|${timeZone ?? ''}`;
      let format = dates.get(key);
      if (!format) {
        const options = { ...DATE_STYLES[style], ...(timeZone ? { timeZone } : {}) };
        dates.set(key, (format = new Intl.DateTimeFormat(locale, options)));
      }
      return format.format(at);
    };
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  const currencyNames = new Intl.DisplayNames(locale, { type: 'currency' });
  const rates = cached(
    (unit: string) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: `${unit}-per-second`,
        maximumFractionDigits: 1,
      }),
  );

  return {
    locale,
    units,
    amount: (value, unit) => formatMeterValue(value, unit, units, locale),
    number: (value, digits = 0) => numberFormat(digits).format(value),
    percent: (percent) => percentFormat.format(percent / 100),
    date: dateWith('date'),
    shortDate: dateWith('shortDate'),
    month: dateWith('month'),
    monthShort: dateWith('monthShort'),
    dateTime: dateWith('dateTime'),
    relative(at, now) {
      const diff = at - now;
      const abs = Math.abs(diff);
      if (abs < 60_000) return relativeFormat.format(0, 'second');
      if (abs < 3_600_000) return relativeFormat.format(Math.round(diff / 60_000), 'minute');
      if (abs < DAY_MS) return relativeFormat.format(Math.round(diff / 3_600_000), 'hour');
      return relativeFormat.format(Math.round(diff / DAY_MS), 'day');
    },
    bitRate(bitsPerSecond) {
      let step = 0;
      let value = bitsPerSecond;
      while (Math.abs(value) >= 1000 && step < BIT_UNITS.length - 1) {
        value /= 1000;
        step++;
      }
      return rates(BIT_UNITS[step]!).format(value);
    },
    currencyName: (code) => currencyNames.of(code) ?? code,
    list: (items) => listFormat.format(items),
  };
}
