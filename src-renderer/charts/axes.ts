import type { Scale } from 'chart.js';
import type { MeterUnit } from '../../src-shared/domain/units.ts';
import type { Palette } from './palette.ts';

/** Decimals a tick may have: none for bytes or yen, the currency's own for the others. */
function tickPrecision(unit: MeterUnit): number {
  if (unit === 'bytes') return 0;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency: unit }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/**
 * A y axis of amounts in one unit (bytes or a currency), formatted like the figures; ticks
 * never fall between two values that would read the same ("¥1, ¥1, ¥0").
 */
export function amountAxis(palette: Palette, unit: MeterUnit, format: (value: number) => string) {
  return {
    beginAtZero: true,
    grid: { color: palette.grid },
    border: { display: false },
    ticks: {
      color: palette.muted,
      maxTicksLimit: 6,
      precision: tickPrecision(unit),
      callback: (value: number | string) => format(Number(value)),
    },
  };
}

/**
 * An x axis of instants with ticks exactly where given (day or month starts), labelled in the
 * line's own time zone: chart.js's linear ticks would fall on round numbers of milliseconds.
 */
export function timeAxis(
  palette: Palette,
  range: { readonly min: number; readonly max: number },
  ticks: readonly number[],
  format: (at: number) => string,
) {
  return {
    type: 'linear' as const,
    min: range.min,
    max: range.max,
    grid: { color: palette.grid, display: false },
    border: { color: palette.grid },
    afterBuildTicks: (scale: Scale) => {
      scale.ticks = ticks.map((value) => ({ value }));
    },
    ticks: {
      color: palette.muted,
      autoSkip: true,
      maxRotation: 0,
      callback: (value: number | string) => format(Number(value)),
    },
  };
}
