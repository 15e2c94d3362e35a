import type { ChartConfiguration } from 'chart.js';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';
import type { Formatters } from '../format/formatters.ts';
import type { Translate } from '../i18n/types.ts';
import { dayTicks, forecastBand, periodDays, periodProgress } from '../model/period-series.ts';
import { amountAxis, timeAxis } from './axes.ts';
import type { Palette } from './palette.ts';

/** Usage per day of the period as bars, with the suggested daily budget as a line. */
export function dailyUsageChart(
  line: MeterUsage,
  fmt: Formatters,
  t: Translate,
  palette: Palette,
): ChartConfiguration<'bar' | 'line'> {
  const unit = line.meter.unit;
  const zone = line.period.timeZone;
  const budget = line.dailyBudget;
  const labels = line.daily.map((d) => fmt.shortDate(d.at, zone));
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: line.meter.series === 'gauge' ? t('charts.level') : t('charts.usedPerDay'),
          data: line.daily.map((d) => d.value),
          backgroundColor: palette.used,
          borderRadius: 3,
          maxBarThickness: 28,
        },
        ...(budget === null
          ? []
          : [
              {
                type: 'line' as const,
                label: t('figures.dailyBudget'),
                data: labels.map(() => budget),
                borderColor: palette.forecast,
                borderDash: [6, 4],
                borderWidth: 1.5,
                pointRadius: 0,
              },
            ]),
      ],
    },
    options: {
      scales: {
        x: {
          grid: { display: false },
          ticks: { color: palette.muted, maxRotation: 0, autoSkipPadding: 8 },
        },
        y: amountAxis(palette, unit, (v) => fmt.amount(v, unit)),
      },
      plugins: {
        legend: { display: budget !== null, position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label ?? ''}: ${fmt.amount(ctx.parsed.y ?? 0, unit)}`,
          },
        },
      },
    },
  };
}

/**
 * Where the line stands through the period against its quota, and the forecast range from now
 * to the period's end (the band between the slower and the faster pace).
 */
export function progressChart(
  line: MeterUsage,
  asOf: number,
  fmt: Formatters,
  t: Translate,
  palette: Palette,
): ChartConfiguration<'line'> {
  const unit = line.meter.unit;
  const zone = line.period.timeZone;
  const progress = periodProgress(line, asOf);
  const band = forecastBand(line, asOf);
  const limit = line.quota?.limit ?? null;
  const dashed = { borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 };
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    {
      label: line.meter.series === 'gauge' ? t('charts.level') : t('charts.usedSoFar'),
      data: progress,
      borderColor: palette.used,
      backgroundColor: palette.room,
      fill: 'origin',
      borderWidth: 2,
      pointRadius: 0,
      tension: 0,
    },
  ];
  if (band) {
    datasets.push(
      {
        label: t('charts.forecastHigh'),
        data: [...band.high],
        borderColor: palette.forecast,
        backgroundColor: palette.forecastFill,
        fill: '+1',
        ...dashed,
      },
      {
        label: t('charts.forecastLow'),
        data: [...band.low],
        borderColor: palette.forecast,
        ...dashed,
      },
    );
  }
  if (limit !== null) {
    datasets.push({
      label: t('charts.quota'),
      data: [
        { x: line.period.start, y: limit },
        { x: line.period.end, y: limit },
      ],
      borderColor: palette.quota,
      borderWidth: 1.5,
      pointRadius: 0,
    });
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: timeAxis(
          palette,
          { min: line.period.start, max: line.period.end },
          dayTicks(periodDays(line.period)),
          (at) => fmt.shortDate(at, zone),
        ),
        y: {
          ...amountAxis(palette, unit, (v) => fmt.amount(v, unit)),
          ...(limit !== null ? { suggestedMax: limit * 1.05 } : {}),
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? fmt.dateTime(items[0].parsed.x ?? 0, zone) : ''),
            label: (ctx) => `${ctx.dataset.label ?? ''}: ${fmt.amount(ctx.parsed.y ?? 0, unit)}`,
          },
        },
      },
    },
  };
}
