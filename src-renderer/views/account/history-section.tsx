import { useCallback, useEffect, useMemo, useState } from 'react';
import { request } from '../../bridge.ts';
import { ChartCanvas } from '../../charts/chart-canvas.tsx';
import { DataTable } from '../../charts/data-table.tsx';
import { historyChart } from '../../charts/history-chart.ts';
import type { Palette } from '../../charts/palette.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { dailyHistorySteps, monthlyTotals } from '../../model/history.ts';
import { runInSlices } from '../../model/slices.ts';
import { historyGroups, type HistoryGroup } from '../../model/history-groups.ts';
import { DAY_MS } from '../../model/zone-days.ts';

const HOUR_MS = 3_600_000;
import { useRequest } from '../../state/use-request.ts';

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
  readonly now: number;
  /**
   * Changes when the stored history may have (a new poll, a finished backfill); null until
   * known, so that years of samples are not fetched twice while the view opens.
   */
  readonly version: string | null;
}) {
  const { t } = useI18n();
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
      {series.state === 'failed' && <p className="notice tone-error">{series.error.message}</p>}
      {series.state === 'ready' && !reducing && groups.length === 0 && (
        <p className="muted">{t('account.noHistory')}</p>
      )}
      {groups.map((group) => (
        <HistoryGroupChart
          key={group.key}
          group={group}
          from={start}
          to={to}
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
  readonly onPainted: () => void;
}) {
  const { t, fmt } = useI18n();
  const { group, from, to } = props;
  const build = useCallback(
    (p: Palette) => historyChart(group, { from, to }, fmt, p),
    [group, from, to, fmt],
  );
  const title = group.gauge ? t('account.historyLevel') : t('account.historyPerDay');
  const zone = group.histories[0]?.meter.timeZone;
  return (
    <figure className="chart-figure wide" data-testid="chart-history">
      <figcaption>
        {title}{' '}
        <span className="muted">({group.unit === 'bytes' ? t('unit.data') : group.unit})</span>
      </figcaption>
      <ChartCanvas build={build} label={title} className="tall" onPainted={props.onPainted} />
      <DataTable
        caption={`${title}: ${t('table.perMonth')}`}
        columns={[t('table.line'), ...monthColumns(group).map((m) => fmt.monthShort(m, zone))]}
        rows={() =>
          group.histories.map((history) => {
            const totals = new Map(monthlyTotals(history).map((m) => [m.month, m.value]));
            return [
              history.meter.label,
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
