import type { ChartConfiguration } from 'chart.js';
import type { Meter } from '../../src-shared/domain/meter.ts';
import type { Formatters } from '../format/formatters.ts';
import { monthTicks, type HistoryGroup } from '../model/history-groups.ts';
import { zoneDays } from '../model/zone-days.ts';
import { amountAxis, timeAxis } from './axes.ts';
import type { Palette } from './palette.ts';

/** Lines drawn at first; the others are in the legend, one click away. */
const SHOWN = 6;

/**
 * Years of daily points per meter: no point markers, no animation, and chart.js's LTTB
 * decimation down to the canvas's width, so that long series stay smooth to draw and hover.
 */
export function historyChart(
  group: HistoryGroup,
  range: { readonly from: number; readonly to: number },
  fmt: Formatters,
  labelOf: (meter: Meter) => string,
  palette: Palette,
): ChartConfiguration<'line'> {
  const zone = group.histories[0]?.meter.timeZone ?? 'UTC';
  const days = group.histories[0]?.days.map((p) => p.x) ?? [];
  const ticks = monthTicks(days.length > 0 ? days : [range.from], (at) =>
    zoneDays(zone).monthStart(at),
  );
  return {
    type: 'line',
    data: {
      datasets: group.histories.map((history, index) => ({
        label: labelOf(history.meter),
        data: history.days as { x: number; y: number }[],
        borderColor: palette.series[index % palette.series.length],
        backgroundColor: palette.series[index % palette.series.length],
        borderWidth: 1.5,
        pointRadius: 0,
        pointHitRadius: 4,
        hidden: index >= SHOWN,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: timeAxis(palette, { min: range.from, max: range.to }, ticks, (at) =>
          fmt.monthShort(at, zone),
        ),
        y: amountAxis(palette, group.unit, (v) => fmt.amount(v, group.unit)),
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb' },
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? fmt.date(items[0].parsed.x ?? 0, zone) : ''),
            label: (ctx) =>
              `${ctx.dataset.label ?? ''}: ${fmt.amount(ctx.parsed.y ?? 0, group.unit)}`,
          },
        },
      },
    },
  };
}
