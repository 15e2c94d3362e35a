import { useCallback } from 'react';
import type { MeterUsage } from '../../../src-shared/domain/usage.ts';
import { ChartCanvas } from '../../charts/chart-canvas.tsx';
import { DataTable } from '../../charts/data-table.tsx';
import type { Palette } from '../../charts/palette.ts';
import { dailyUsageChart, progressChart } from '../../charts/period-charts.ts';
import { LineFigures } from '../../components/line-figures.tsx';
import { formatLimit, lineAmounts } from '../../format/limit.ts';
import { formatRange } from '../../format/range.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { periodProgress } from '../../model/period-series.ts';

/** One line through its period: the figures, usage per day, and the running total vs quota. */
export function PeriodSection(props: {
  readonly line: MeterUsage;
  /** The line's label in the window's language. */
  readonly label: string;
  readonly asOf: number;
  readonly onPainted?: () => void;
}) {
  const { t, fmt } = useI18n();
  const { line, label, asOf } = props;
  const amount = lineAmounts(line, fmt);
  const limit = formatLimit(line, fmt) ?? '—';
  const unit = line.meter.unit;
  const zone = line.period.timeZone;
  const gauge = line.meter.series === 'gauge';
  const buildDaily = useCallback((p: Palette) => dailyUsageChart(line, fmt, t, p), [line, fmt, t]);
  const buildProgress = useCallback(
    (p: Palette) => progressChart(line, asOf, fmt, t, p),
    [line, asOf, fmt, t],
  );
  const dailyTitle = gauge ? t('account.dailyLevel') : t('account.dailyUsage');
  const progressTitle = gauge ? t('account.levelAgainstQuota') : t('account.progressAgainstQuota');
  return (
    <div className="period-section">
      <LineFigures line={line} />
      <div className="chart-pair">
        <figure className="chart-figure" data-testid="chart-daily">
          <figcaption>{dailyTitle}</figcaption>
          <ChartCanvas build={buildDaily} label={`${dailyTitle}: ${label}`} />
          <DataTable
            caption={`${dailyTitle}: ${label}`}
            columns={[t('table.day'), gauge ? t('figures.level') : t('figures.used')]}
            rows={() => line.daily.map((d) => [fmt.date(d.at, zone), fmt.amount(d.value, unit)])}
          />
        </figure>
        <figure className="chart-figure" data-testid="chart-progress">
          <figcaption>{progressTitle}</figcaption>
          <ChartCanvas
            build={buildProgress}
            label={`${progressTitle}: ${label}`}
            {...(props.onPainted ? { onPainted: props.onPainted } : {})}
          />
          <DataTable
            caption={`${progressTitle}: ${label}`}
            columns={[
              t('table.time'),
              gauge ? t('figures.level') : t('charts.usedSoFar'),
              t('charts.quota'),
            ]}
            rows={() => [
              ...periodProgress(line, asOf).map((p) => [
                fmt.dateTime(p.x, zone),
                amount(p.y),
                limit,
              ]),
              ...(line.forecast && asOf < line.period.end
                ? [
                    [
                      t('table.forecastAt', { date: fmt.date(line.period.end - 1, zone) }),
                      formatRange(line.forecast.low, line.forecast.high, amount, t),
                      limit,
                    ],
                  ]
                : []),
            ]}
          />
        </figure>
      </div>
    </div>
  );
}
