import type { ChartConfiguration } from 'chart.js';
import type { Formatters } from '../format/formatters.ts';
import type { Translate } from '../i18n/types.ts';
import type { HeadroomGroup } from '../model/headroom.ts';
import type { Palette } from './palette.ts';

/**
 * One bar per region or service: used so far, what the faster forecast adds by the period's
 * end, and the allowance left after that; side by side, the room is visible at a glance.
 */
export function headroomChart(
  group: HeadroomGroup,
  fmt: Formatters,
  t: Translate,
  palette: Palette,
): ChartConfiguration<'bar'> {
  const rows = group.rows;
  const used = rows.map((r) => r.used);
  const coming = rows.map((r) => Math.max((r.forecastHigh ?? r.used) - r.used, 0));
  const room = rows.map((r) => (r.remainingAtEnd === null ? 0 : Math.max(r.remainingAtEnd, 0)));
  const format = (v: number) => fmt.amount(v, group.unit);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: [
        { label: t('headroom.used'), data: used, backgroundColor: palette.used, stack: 's' },
        {
          label: t('headroom.coming'),
          data: coming,
          backgroundColor: palette.forecast,
          stack: 's',
        },
        { label: t('headroom.room'), data: room, backgroundColor: palette.room, stack: 's' },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          grid: { color: palette.grid },
          border: { display: false },
          ticks: { color: palette.muted, maxTicksLimit: 6, callback: (v) => format(Number(v)) },
        },
        y: { stacked: true, grid: { display: false }, ticks: { color: palette.text } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${format(ctx.parsed.x ?? 0)}` },
        },
      },
    },
  };
}
