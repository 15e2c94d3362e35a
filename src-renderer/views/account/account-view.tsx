import { useCallback, useState } from 'react';
import type { AccountSnapshot, Period } from '../../../src-shared/domain/usage.ts';
import { asBridgeError, request } from '../../bridge.ts';
import { Freshness, StatusBadge, StatusNote } from '../../components/status-note.tsx';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeterLabels } from '../../i18n/use-meter-labels.ts';
import { linesByUrgency, primaryLine } from '../../model/lines.ts';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData, useDescriptor } from '../../state/app-data.tsx';
import { routeHash } from '../../state/route.ts';
import { useRequest } from '../../state/use-request.ts';
import { Breakdown } from './breakdown.tsx';
import { HistorySection } from './history-section.tsx';
import { PeriodSection } from './period-section.tsx';
import { ThroughputSection } from './throughput-section.tsx';

/** One account in depth: a period and a line of it in charts, all lines, history, throughput. */
export function AccountView(props: { readonly accountId: string }) {
  const { t } = useI18n();
  const { data } = useAppData();
  const live = data.usage.accounts.find((a) => a.accountId === props.accountId);
  if (!live) {
    return (
      <section aria-labelledby="view-title">
        <h1 id="view-title" tabIndex={-1}>
          {t('account.notFound')}
        </h1>
        <p>
          <a href={routeHash({ view: 'overview' })}>{t('nav.overview')}</a>
        </p>
      </section>
    );
  }
  return <AccountDetail key={live.accountId} live={live} now={data.usage.generatedAt} />;
}

function AccountDetail(props: { readonly live: AccountSnapshot; readonly now: number }) {
  const { t, fmt } = useI18n();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const { live, now } = props;
  const descriptor = useDescriptor(live.provider);
  const accountId = live.accountId;

  const loadPeriods = useCallback(() => request('usage:periods', accountId), [accountId]);
  // Asked again whenever the usage changes: a first poll's backfill brings earlier periods.
  const periods = useRequest(loadPeriods, live);
  const [chosen, setChosen] = useState<Period | null>(null);
  const loadPast = useCallback(
    () =>
      chosen ? request('usage:period', { accountId, at: chosen.start }) : Promise.resolve(null),
    [accountId, chosen],
  );
  const past = useRequest(loadPast);
  const snapshot = chosen === null ? live : past.state === 'ready' ? past.value : null;
  const asOf = chosen === null ? now : chosen.end;

  const [lineId, setLineId] = useState<string | null>(null);
  const lines = snapshot ? linesByUrgency(snapshot.meters) : [];
  const labelOf = useMeterLabels(
    live.provider,
    lines.map((l) => l.meter),
  );
  const line =
    lines.find((l) => l.meter.id === lineId) ?? (snapshot ? primaryLine(snapshot) : null);

  const refresh = async () => {
    try {
      const { deferred } = await request('usage:refresh', accountId);
      const later = deferred[0];
      announce(
        later
          ? t('account.refreshLater', { name: live.label, time: fmt.dateTime(later.at) })
          : t('account.refreshed', { name: live.label }),
        'ok',
      );
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };
  const openDashboard = async () => {
    try {
      await request('shell:openDashboard', accountId);
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };

  const periodList = periods.state === 'ready' ? periods.value : [];
  const zone = line?.period.timeZone ?? descriptor?.billingTimeZone;
  return (
    <section aria-labelledby="view-title" className="account-view" data-testid="account-view">
      <div className="view-header">
        <div>
          <p className="breadcrumb">
            <a href={routeHash({ view: 'overview' })}>{t('nav.overview')}</a>
          </p>
          <h1 id="view-title" tabIndex={-1}>
            {live.label} <StatusBadge snapshot={live} />
          </h1>
          <p className="muted">{descriptor?.displayName ?? live.provider}</p>
          <Freshness snapshot={live} now={now} />
        </div>
        <div className="actions">
          <button type="button" onClick={() => void refresh()}>
            {t('actions.refresh')}
          </button>
          {descriptor?.dashboardUrl && (
            <button type="button" onClick={() => void openDashboard()}>
              {t('account.openConsole', { provider: descriptor.displayName })}
            </button>
          )}
          {!live.demo && (
            <a className="button" href={routeHash({ view: 'account-form', accountId })}>
              {t('accounts.edit')}
            </a>
          )}
          <a className="button" href={routeHash({ view: 'settings', accountId })}>
            {t('account.alerts')}
          </a>
        </div>
      </div>
      <StatusNote snapshot={live} />
      {live.notices.length > 0 && (
        <ul className="notices">
          {live.notices.map((notice, i) => (
            <li
              key={i}
              className={`notice tone-${notice.level === 'warning' ? 'warning' : 'info'}`}
            >
              {notice.message}
            </li>
          ))}
        </ul>
      )}

      <section className="panel" aria-labelledby="period-title">
        <div className="panel-header">
          <h2 id="period-title">{t('account.period')}</h2>
          <div className="pickers">
            <label className="inline-field">
              <span>{t('account.periodPicker')}</span>
              <select
                value={chosen?.start ?? 'current'}
                onChange={(e) => {
                  const picked = periodList.find((p) => String(p.start) === e.target.value);
                  setChosen(picked && picked !== periodList[0] ? picked : null);
                }}
                data-testid="period-picker"
              >
                <option value="current">{t('account.currentPeriod')}</option>
                {periodList.slice(1).map((p) => (
                  <option key={p.start} value={p.start}>
                    {fmt.month(p.start, p.timeZone)}
                  </option>
                ))}
              </select>
            </label>
            {lines.length > 1 && (
              <label className="inline-field">
                <span>{t('account.linePicker')}</span>
                <select
                  value={line?.meter.id ?? ''}
                  onChange={(e) => setLineId(e.target.value)}
                  data-testid="line-picker"
                >
                  {lines.map((l) => (
                    <option key={l.meter.id} value={l.meter.id}>
                      {labelOf(l.meter)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        </div>
        {chosen !== null && past.state === 'loading' && (
          <p className="muted">{t('common.loading')}</p>
        )}
        {chosen !== null && past.state === 'failed' && (
          <p className="notice tone-error">{errorWords(past.error)}</p>
        )}
        {snapshot && line && (
          <>
            <h3 className="line-title">
              {labelOf(line.meter)}
              {chosen && zone && <span className="muted"> · {fmt.month(chosen.start, zone)}</span>}
            </h3>
            <PeriodSection line={line} label={labelOf(line.meter)} asOf={asOf} />
          </>
        )}
        {snapshot && !line && <p className="muted">{t('card.noLines')}</p>}
      </section>

      {snapshot && snapshot.meters.length > 0 && (
        <section className="panel" aria-labelledby="breakdown-title">
          <div className="panel-header">
            <h2 id="breakdown-title">{t('account.breakdown')}</h2>
          </div>
          <Breakdown
            lines={lines}
            labelOf={labelOf}
            selected={line?.meter.id ?? null}
            onSelect={setLineId}
          />
        </section>
      )}

      <HistorySection
        accountId={accountId}
        provider={live.provider}
        now={now}
        version={
          periods.state === 'loading'
            ? null
            : `${live.fetchedAt}|${periodList.length}|${periodList.at(-1)?.start}`
        }
      />
      <ThroughputSection accountId={accountId} />
    </section>
  );
}
