import { useCallback, useMemo, useState } from 'react';
import type { ThroughputWindow } from '../../../src-shared/domain/throughput.ts';
import { request } from '../../bridge.ts';
import { ChartCanvas } from '../../charts/chart-canvas.tsx';
import { DataTable } from '../../charts/data-table.tsx';
import type { Palette } from '../../charts/palette.ts';
import { throughputChart } from '../../charts/throughput-chart.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useRequest } from '../../state/use-request.ts';

const WINDOWS = ['day', 'week', 'month'] as const satisfies readonly ThroughputWindow[];

/**
 * Recent throughput, for providers that report it (`usage:throughput` answers an empty list
 * for the others, and then nothing is shown).
 */
export function ThroughputSection(props: { readonly accountId: string }) {
  const { t, fmt } = useI18n();
  const errorWords = useErrorWords();
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>('day');
  const { accountId } = props;
  const load = useCallback(
    () => request('usage:throughput', accountId, window),
    [accountId, window],
  );
  const result = useRequest(load);
  const series = useMemo(() => (result.state === 'ready' ? result.value : []), [result]);
  const build = useCallback((p: Palette) => throughputChart(series, fmt, t, p), [series, fmt, t]);
  if (result.state === 'ready' && series.length === 0) return null;
  if (result.state === 'loading' && window === 'day') return null;
  return (
    <section className="panel" aria-labelledby="throughput-title" data-testid="throughput">
      <div className="panel-header">
        <h2 id="throughput-title">{t('account.throughput')}</h2>
        <label className="inline-field">
          <span>{t('account.throughputWindow')}</span>
          <select
            value={window}
            onChange={(e) => setWindow(e.target.value as (typeof WINDOWS)[number])}
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {t(`window.${w}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.state === 'failed' && (
        <p className="notice tone-warning">{errorWords(result.error)}</p>
      )}
      {result.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {series.length > 0 && (
        <figure className="chart-figure wide">
          <ChartCanvas build={build} label={t('account.throughput')} />
          <DataTable
            caption={t('account.throughput')}
            columns={[
              t('table.time'),
              ...series.flatMap((s) => [
                t('throughput.in', { name: s.scope.label ?? s.scope.id }),
                t('throughput.out', { name: s.scope.label ?? s.scope.id }),
              ]),
            ]}
            rows={() =>
              (series[0]?.points ?? []).map((point, i) => [
                fmt.dateTime(point.at),
                ...series.flatMap((s) => [
                  fmt.bitRate(s.points[i]?.inBps ?? 0),
                  fmt.bitRate(s.points[i]?.outBps ?? 0),
                ]),
              ])
            }
          />
        </figure>
      )}
    </section>
  );
}
