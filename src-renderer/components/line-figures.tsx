import type { MeterUsage } from '../../src-shared/domain/usage.ts';
import { formatUsed, lineAmounts } from '../format/limit.ts';
import { formatRange } from '../format/range.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/**
 * A line's figures in words: used against the quota, what is left, where the period is heading,
 * when the quota runs out, and how much a day keeps it within bounds.
 */
export function LineFigures(props: { readonly line: MeterUsage; readonly compact?: boolean }) {
  const { t, fmt } = useI18n();
  const { line } = props;
  const amount = lineAmounts(line, fmt);
  const zone = line.period.timeZone;
  const periodEnd = fmt.date(line.period.end - 1, zone);
  const gauge = line.meter.series === 'gauge';
  const forecast = line.forecast;
  const range = forecast && formatRange(forecast.low, forecast.high, amount, t);
  return (
    <dl className={`figures ${props.compact ? 'compact' : ''}`}>
      <div className={props.compact ? 'visually-hidden' : undefined}>
        <dt>{gauge ? t('figures.level') : t('figures.used')}</dt>
        <dd data-testid="figure-used">{formatUsed(line, fmt, t)}</dd>
      </div>
      {line.remaining !== null && (
        <div>
          <dt>{t('figures.remaining')}</dt>
          <dd className={line.remaining < 0 ? 'over' : undefined}>
            {line.remaining < 0
              ? t('figures.over', { amount: amount(-line.remaining) })
              : amount(line.remaining)}
          </dd>
        </div>
      )}
      {range && (
        <div>
          <dt>{gauge ? t('figures.forecastLevel') : t('figures.forecast')}</dt>
          <dd>{t('figures.byDate', { amount: range, date: periodEnd })}</dd>
        </div>
      )}
      {line.quota && forecast && (
        <div>
          <dt>{t('figures.runsOut')}</dt>
          <dd>
            {forecast.runsOutAt !== null
              ? t('figures.runsOutOn', { date: fmt.date(forecast.runsOutAt, zone) })
              : line.level === 'exceeded'
                ? t('figures.alreadyOver')
                : t('figures.notThisPeriod')}
          </dd>
        </div>
      )}
      {line.dailyBudget !== null && (
        <div>
          <dt>{t('figures.dailyBudget')}</dt>
          <dd>{t('figures.perDay', { amount: amount(line.dailyBudget) })}</dd>
        </div>
      )}
      {!props.compact && (
        <div>
          <dt>{t('figures.period')}</dt>
          <dd>
            {t('figures.range', {
              low: fmt.date(line.period.start, zone),
              high: periodEnd,
            })}
          </dd>
        </div>
      )}
    </dl>
  );
}
