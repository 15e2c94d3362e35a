import type { MeterUnit } from '../../src-shared/domain/units.ts';
import type { DailyHistory } from './history.ts';

/** Histories that can share a chart: one unit, and amounts apart from levels. */
export interface HistoryGroup {
  readonly key: string;
  readonly unit: MeterUnit;
  readonly gauge: boolean;
  /** Largest first: the chart shows the first few and the legend can bring back the rest. */
  readonly histories: readonly DailyHistory[];
}

export function historyGroups(histories: readonly DailyHistory[]): HistoryGroup[] {
  const groups = new Map<string, DailyHistory[]>();
  for (const history of histories) {
    const key = `${history.meter.unit}|${history.meter.series === 'gauge' ? 'level' : 'amount'}`;
    const list = groups.get(key);
    if (list) list.push(history);
    else groups.set(key, [history]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    unit: list[0]!.meter.unit,
    gauge: list[0]!.meter.series === 'gauge',
    histories: [...list].sort((a, b) => b.total - a.total),
  }));
}

/** First-of-month instants within the days shown, at most `count` of them evenly spread. */
export function monthTicks(
  days: readonly number[],
  monthStart: (at: number) => number,
  count = 8,
): number[] {
  const months: number[] = [];
  let last = -Infinity;
  for (const day of days) {
    const month = monthStart(day);
    if (month !== last) {
      months.push(Math.max(month, days[0]!));
      last = month;
    }
  }
  if (months.length <= count) return months;
  const step = Math.ceil(months.length / count);
  return months.filter((_, i) => i % step === 0);
}
