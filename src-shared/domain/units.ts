import { z } from 'zod';

/**
 * The one place where data sizes are converted. Meters always store bytes; providers state
 * their own unit when they hand a number over (IDCF "GB" is decimal, a user may type "GiB").
 * Whether a provider's "GB" means 10^9 or 2^30 is decided in its adapter by naming the unit
 * here, and documented in docs/providers/<id>.md, so it is never an accident.
 */
export const DATA_UNIT_BYTES = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
} as const;

export type DataUnit = keyof typeof DATA_UNIT_BYTES;
export const DATA_UNITS = Object.keys(DATA_UNIT_BYTES) as [DataUnit, ...DataUnit[]];
export const DataUnitSchema = z.enum(DATA_UNITS);

export function toBytes(amount: number, unit: DataUnit): number {
  return amount * DATA_UNIT_BYTES[unit];
}

export function fromBytes(bytes: number, unit: DataUnit): number {
  return bytes / DATA_UNIT_BYTES[unit];
}

/** ISO 4217 code, e.g. JPY, EUR, GBP. */
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR');
export type Currency = z.infer<typeof CurrencySchema>;

/** What a meter's numbers mean: bytes, or an amount of money in one currency. */
export const MeterUnitSchema = z.union([z.literal('bytes'), CurrencySchema]);
export type MeterUnit = z.infer<typeof MeterUnitSchema>;

/** The unit a quota limit is written in by a person: a data size or a currency. */
export const LimitUnitSchema = z.union([DataUnitSchema, CurrencySchema]);
export type LimitUnit = z.infer<typeof LimitUnitSchema>;

export function isDataUnit(unit: string): unit is DataUnit {
  return Object.hasOwn(DATA_UNIT_BYTES, unit);
}

/**
 * Converts a quota limit written by a person into the meter's own unit.
 * Returns null when the two cannot be compared (GB against a EUR meter, EUR against JPY).
 */
export function limitInMeterUnit(
  amount: number,
  unit: LimitUnit,
  meterUnit: MeterUnit,
): number | null {
  if (meterUnit === 'bytes') return isDataUnit(unit) ? toBytes(amount, unit) : null;
  return unit === meterUnit ? amount : null;
}

/** Display preference: decimal (GB, what providers bill) or binary (GiB, what OSes show). */
export const UnitSystemSchema = z.enum(['si', 'iec']);
export type UnitSystem = z.infer<typeof UnitSystemSchema>;

const SCALES: Record<UnitSystem, readonly DataUnit[]> = {
  si: ['B', 'KB', 'MB', 'GB', 'TB'],
  iec: ['B', 'KiB', 'MiB', 'GiB', 'TiB'],
};

/** Picks the largest unit of the system in which `bytes` is at least 1. */
export function pickDataUnit(bytes: number, system: UnitSystem): DataUnit {
  const scale = SCALES[system];
  let chosen: DataUnit = 'B';
  for (const unit of scale) if (Math.abs(bytes) >= DATA_UNIT_BYTES[unit]) chosen = unit;
  return chosen;
}

/** "1.23 TB", "512 MiB"; three significant digits, at most two decimals. */
export function formatBytes(bytes: number, system: UnitSystem = 'si', locale = 'en'): string {
  const unit = pickDataUnit(bytes, system);
  const value = fromBytes(bytes, unit);
  const digits = unit === 'B' ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${unit}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: Currency, locale = 'en'): string {
  // Building a NumberFormat costs far more than formatting with one: keep them.
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format)
    moneyFormats.set(
      key,
      (format = new Intl.NumberFormat(locale, { style: 'currency', currency })),
    );
  return format.format(amount);
}

/** Formats a value in a meter's unit for people: bytes by the unit system, money by currency. */
export function formatMeterValue(
  value: number,
  unit: MeterUnit,
  system: UnitSystem = 'si',
  locale = 'en',
): string {
  return unit === 'bytes' ? formatBytes(value, system, locale) : formatMoney(value, unit, locale);
}

/**
 * A range of two formatted amounts, or a single one when both ends print alike (a forecast
 * whose ends differ by less than the shown precision): "€37.79", "1.2 TB – 1.5 TB". `join`
 * is the range's wording (the usage window takes it from its language).
 */
export function formatRange(
  low: string,
  high: string,
  join: (low: string, high: string) => string = (l, h) => `${l} – ${h}`,
): string {
  return low === high ? high : join(low, high);
}
