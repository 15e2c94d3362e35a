import { useCallback, useMemo } from 'react';
import { ChartCanvas } from '../../charts/chart-canvas.tsx';
import { headroomChart } from '../../charts/headroom-chart.ts';
import type { Palette } from '../../charts/palette.ts';
import { formatLimit, lineAmounts } from '../../format/limit.ts';
import { formatRange } from '../../format/range.ts';
import { meterLabels, scopeNameIn } from '../../i18n/descriptor-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { headroomGroups, type HeadroomGroup, type HeadroomRow } from '../../model/headroom.ts';
import { useAppData } from '../../state/app-data.tsx';
import { routeHash } from '../../state/route.ts';

/**
 * Where is there headroom: for allowances split by region or service, what each has left now
 * and at the period's end, so that transfer-heavy work can go where the allowance is.
 */
export function HeadroomView() {
  const { t, language } = useI18n();
  const { data } = useAppData();
  const { accounts } = data.usage;
  const { providers } = data;
  const groups = useMemo(
    () =>
      headroomGroups(accounts, (snapshot) => ({
        meter: meterLabels(
          snapshot.meters.map((line) => line.meter),
          providers.find((p) => p.id === snapshot.provider),
          t,
          language,
        ),
        scope: (scope) => scopeNameIn(scope, language),
      })),
    [accounts, providers, t, language],
  );
  return (
    <section aria-labelledby="view-title">
      <div className="view-header">
        <div>
          <h1 id="view-title" tabIndex={-1}>
            {t('headroom.title')}
          </h1>
          <p className="muted">{t('headroom.intro')}</p>
        </div>
      </div>
      {groups.length === 0 && <p className="empty">{t('headroom.none')}</p>}
      {groups.map((group) => (
        <HeadroomPanel
          key={`${group.accountId}|${group.kind}|${group.unit}|${group.scopeLevel}`}
          group={group}
        />
      ))}
    </section>
  );
}

function HeadroomPanel(props: { readonly group: HeadroomGroup }) {
  const { t, fmt } = useI18n();
  const { group } = props;
  const build = useCallback((p: Palette) => headroomChart(group, fmt, t, p), [group, fmt, t]);
  const amount = (v: number | null) => (v === null ? '—' : fmt.amount(v, group.unit));
  const rowAmounts = (row: HeadroomRow) => {
    const format = lineAmounts(row.line, fmt);
    return (v: number | null) => (v === null ? '—' : format(v));
  };
  const zone = group.period.timeZone;
  const title = t('headroom.groupTitle', {
    kind: t(`kind.${group.kind}`),
    scope: t(`scope.${group.scopeLevel}.lower`),
  });
  const id = `headroom-${group.accountId}-${group.kind}-${group.scopeLevel}`;
  return (
    <section className="panel" aria-labelledby={id} data-testid="headroom-group">
      <div className="panel-header">
        <div>
          <h2 id={id}>
            <a href={routeHash({ view: 'account', accountId: group.accountId })}>
              {group.accountLabel}
            </a>
            <span className="muted"> · {title}</span>
          </h2>
          <p className="muted small">
            {t('figures.range', {
              low: fmt.date(group.period.start, zone),
              high: fmt.date(group.period.end - 1, zone),
            })}
          </p>
        </div>
      </div>
      {group.best && (
        <p className="notice tone-ok" data-testid="headroom-best">
          {t('headroom.best', {
            name: group.best.name,
            amount: rowAmounts(group.best)(group.best.remainingAtEnd),
          })}
        </p>
      )}
      <figure className="chart-figure wide">
        <ChartCanvas
          build={build}
          label={title}
          className={group.rows.length > 6 ? 'tall' : undefined}
        />
      </figure>
      <div className="table-scroll">
        <table className="lines-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`scope.${group.scopeLevel}`)}</th>
              <th scope="col">{t('figures.used')}</th>
              <th scope="col">{t('headroom.allowance')}</th>
              <th scope="col">{t('headroom.leftNow')}</th>
              <th scope="col">{t('figures.forecast')}</th>
              <th scope="col">{t('headroom.leftAtEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {group.rows.map((row) => {
              const rowAmount = rowAmounts(row);
              return (
                <tr key={row.line.meter.id} className={row === group.best ? 'selected' : undefined}>
                  <th scope="row">{row.name}</th>
                  <td>{rowAmount(row.used)}</td>
                  <td>{formatLimit(row.line, fmt)}</td>
                  <td className={row.remaining !== null && row.remaining < 0 ? 'over' : undefined}>
                    {rowAmount(row.remaining)}
                  </td>
                  <td>
                    {row.forecastLow === null || row.forecastHigh === null
                      ? '—'
                      : formatRange(row.forecastLow, row.forecastHigh, rowAmount, t)}
                  </td>
                  <td
                    className={
                      row.remainingAtEnd !== null && row.remainingAtEnd < 0 ? 'over' : undefined
                    }
                  >
                    {rowAmount(row.remainingAtEnd)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {group.unmetered.length > 0 && (
        <p className="muted small" data-testid="headroom-unmetered">
          {t('headroom.unmetered', {
            list: fmt.list(group.unmetered.map((row) => `${row.name} (${amount(row.used)})`)),
          })}
        </p>
      )}
    </section>
  );
}
