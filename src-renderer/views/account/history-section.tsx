import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Meter } from '../../../src-shared/domain/meter.ts';
import { request } from '../../bridge.ts';
import { ChartCanvas } from '../../charts/chart-canvas.tsx';
import { DataTable } from '../../charts/data-table.tsx';
import { historyChart } from '../../charts/history-chart.ts';
import type { Palette } from '../../charts/palette.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeterLabels } from '../../i18n/use-meter-labels.ts';
import { dailyHistorySteps, monthlyTotals } from '../../model/history.ts';
import { runInSlices } from '../../model/slices.ts';
import { historyGroups, type HistoryGroup } from '../../model/history-groups.ts';
import { DAY_MS } from '../../model/zone-days.ts';
import { useRequest } from '../../state/use-request.ts';

const HOUR_MS = 3_600_000;

const RANGES = { '90d': 90, '1y': 365, '2y': 730 } as const;
type RangeKey = keyof typeof RANGES;

/** User Timing names: the benchmark reads the measure between data arrival and paint. */
export const HISTORY_DATA_MARK = 'cloudmeter:history:data';
export const HISTORY_PAINTED_MARK = 'cloudmeter:history:painted';
export const HISTORY_MEASURE = 'cloudmeter:history';

/**
 * Usage per day over months or years, from the stored history (`usage:series`): raw samples,
 * hourly for years if the provider gives them, reduced to days before they reach a chart.
 */
export function HistorySection(props: {
  readonly accountId: string;
  /** The account's provider, for its meters' labels. */
  readonly provider: string;
  readonly now: number;
  /**
   * Changes when the stored history may have (a new poll, a finished backfill); null until
   * known, so that years of samples are not fetched twice while the view opens.
   */
  readonly version: string | null;
}) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [range, setRange] = useState<RangeKey>('2y');
  const { accountId, now } = props;
  // Whole hours, so that every usage update does not fetch years of samples again.
  const to = Math.ceil(now / HOUR_MS) * HOUR_MS;
  const from = to - RANGES[range] * DAY_MS;
  const load = useCallback(async () => {
    const series = await request('usage:series', { accountId, from, to });
    performance.mark(HISTORY_DATA_MARK);
    return series;
  }, [accountId, from, to]);
  const series = useRequest(props.version === null ? null : load, props.version);
  const meters = useMemo<readonly Meter[]>(
    () => (series.state === 'ready' ? series.value.meters : []),
    [series],
  );
  const labelOf = useMeterLabels(props.provider, meters);
  // Years of samples are reduced in slices between frames: the window stays responsive.
  const [reduced, setReduced] = useState<{ from: unknown; groups: HistoryGroup[] } | null>(null);
  useEffect(() => {
    if (series.state !== 'ready') return;
    const task = runInSlices(dailyHistorySteps(series.value.meters, series.value.runs));
    task.promise.then(
      (histories) => setReduced({ from: series, groups: historyGroups(histories) }),
      () => setReduced({ from: series, groups: [] }),
    );
    return () => task.cancel();
  }, [series]);
  // The previous charts stay on screen until the new ones are ready.
  const groups = useMemo(() => reduced?.groups ?? [], [reduced]);
  const reducing = series.state === 'ready' && reduced?.from !== series;
  // Counts the charts of this set of groups that have painted; a new set starts from zero.
  const tracker = useMemo(() => ({ groups, painted: 0 }), [groups]);
  const [done, setDone] = useState<unknown>(null);
  const onPainted = useCallback(() => {
    tracker.painted += 1;
    if (tracker.painted === tracker.groups.length) {
      performance.mark(HISTORY_PAINTED_MARK);
      performance.measure(HISTORY_MEASURE, HISTORY_DATA_MARK, HISTORY_PAINTED_MARK);
      setDone(tracker.groups);
    }
  }, [tracker]);
  const first = groups.flatMap((g) => g.histories.map((h) => h.days[0]?.x ?? to));
  const start = Math.max(from, Math.min(to, ...first));
  return (
    <section
      className="panel"
      aria-labelledby="history-title"
      data-testid="history"
      data-state={
        reducing
          ? 'reducing'
          : series.state === 'ready' && done === groups
            ? 'painted'
            : series.state
      }
    >
      <div className="panel-header">
        <h2 id="history-title">{t('account.history')}</h2>
        <label className="inline-field">
          <span>{t('account.historyRange')}</span>
          <select value={range} onChange={(e) => setRange(e.target.value as RangeKey)}>
            {(Object.keys(RANGES) as RangeKey[]).map((key) => (
              <option key={key} value={key}>
                {t(`range.${key}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(series.state === 'loading' || (reducing && groups.length === 0)) && (
        <p className="muted">{t('common.loading')}</p>
      )}
      {series.state === 'failed' && <p className="notice tone-error">{errorWords(series.error)}</p>}
      {series.state === 'ready' && !reducing && groups.length === 0 && (
        <p className="muted">{t('account.noHistory')}</p>
      )}
      {groups.map((group) => (
        <HistoryGroupChart
          key={group.key}
          group={group}
          from={start}
          to={to}
          labelOf={labelOf}
          onPainted={onPainted}
        />
      ))}
    </section>
  );
}

function HistoryGroupChart(props: {
  readonly group: HistoryGroup;
  readonly from: number;
  readonly to: number;
  readonly labelOf: (meter: Meter) => string;
  readonly onPainted: () => void;
}) {
  const { t, fmt } = useI18n();
  const { group, from, to, labelOf } = props;
  const build = useCallback(
    (p: Palette) => historyChart(group, { from, to }, fmt, labelOf, p),
    [group, from, to, fmt, labelOf],
  );
  // Amounts of data and of money have a chart each: the unit tells them apart.
  const title = t(group.gauge ? 'account.historyLevel' : 'account.historyPerDay');
  const unit = group.unit === 'bytes' ? t('unit.bytes') : fmt.currencyName(group.unit);
  const titled = `${title} (${unit})`;
  const zone = group.histories[0]?.meter.timeZone;
  return (
    <figure className="chart-figure wide" data-testid="chart-history">
      <figcaption>
        {title} <span className="muted">({unit})</span>
      </figcaption>
      <ChartCanvas build={build} label={titled} className="tall" onPainted={props.onPainted} />
      <DataTable
        caption={`${titled}: ${t('table.perMonth')}`}
        columns={[t('table.line'), ...monthColumns(group).map((m) => fmt.monthShort(m, zone))]}
        rows={() =>
          group.histories.map((history) => {
            const totals = new Map(monthlyTotals(history).map((m) => [m.month, m.value]));
            return [
              labelOf(history.meter),
              ...monthColumns(group).map((m) => {
                const value = totals.get(m);
                return value === undefined ? '—' : fmt.amount(value, group.unit);
              }),
            ];
          })
        }
      />
    </figure>
  );
}

function monthColumns(group: HistoryGroup): number[] {
  const months = new Set<number>();
  for (const history of group.histories)
    for (const m of monthlyTotals(history)) months.add(m.month);
  return [...months].sort((a, b) => a - b);
}
