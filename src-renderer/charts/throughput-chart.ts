import type { ChartConfiguration } from 'chart.js';
import type { ThroughputSeries } from '../../src-shared/domain/throughput.ts';
import type { Formatters } from '../format/formatters.ts';
import type { Translate } from '../i18n/types.ts';
import type { Palette } from './palette.ts';

/** Bits per second in and out, per scope, over the chosen window. */
export function throughputChart(
  series: readonly ThroughputSeries[],
  fmt: Formatters,
  t: Translate,
  palette: Palette,
): ChartConfiguration<'line'> {
  const points = series.flatMap((s) => s.points);
  const min = Math.min(...points.map((p) => p.at));
  const max = Math.max(...points.map((p) => p.at));
  const short = max - min <= 2 * 86_400_000;
  const datasets = series.flatMap((s, index) => {
    const name = s.scope.label ?? s.scope.id;
    const color = palette.series[(index * 2) % palette.series.length]!;
    const second = palette.series[(index * 2 + 1) % palette.series.length]!;
    return [
      {
        label: t('throughput.in', { name }),
        data: s.points.map((p) => ({ x: p.at, y: p.inBps })),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.5,
        pointRadius: 0,
      },
      {
        label: t('throughput.out', { name }),
        data: s.points.map((p) => ({ x: p.at, y: p.outBps })),
        borderColor: second,
        backgroundColor: second,
        borderWidth: 1.5,
        pointRadius: 0,
      },
    ];
  });
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min,
          max,
          grid: { display: false },
          ticks: {
            color: palette.muted,
            maxTicksLimit: 8,
            maxRotation: 0,
            callback: (v) => (short ? fmt.dateTime(Number(v)) : fmt.shortDate(Number(v))),
          },
        },
        y: {
          beginAtZero: true,
          grid: { color: palette.grid },
          border: { display: false },
          ticks: {
            color: palette.muted,
            maxTicksLimit: 6,
            callback: (v) => fmt.bitRate(Number(v)),
          },
        },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb' },
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? fmt.dateTime(items[0].parsed.x ?? 0) : ''),
            label: (ctx) => `${ctx.dataset.label ?? ''}: ${fmt.bitRate(ctx.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
}
