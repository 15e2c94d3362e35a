import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { Gauge, Meter } from '../../components/gauge.tsx';
import { LineFigures } from '../../components/line-figures.tsx';
import { Freshness, StatusBadge, StatusNote } from '../../components/status-note.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { linesByUrgency } from '../../model/lines.ts';
import { formatUsed } from '../../format/limit.ts';
import { useMeterLabels } from '../../i18n/use-meter-labels.ts';
import { useDescriptor } from '../../state/app-data.tsx';
import { routeHash } from '../../state/route.ts';

const MORE_LINES = 3;

/** One account at a glance: its most pressing line as a gauge and in words, and its status. */
export function AccountCard(props: { readonly snapshot: AccountSnapshot; readonly now: number }) {
  const { t, fmt } = useI18n();
  const { snapshot } = props;
  const descriptor = useDescriptor(snapshot.provider);
  const [lead, ...rest] = linesByUrgency(snapshot.meters);
  const labelOf = useMeterLabels(
    snapshot.provider,
    snapshot.meters.map((line) => line.meter),
  );
  const headingId = `card-${snapshot.accountId}`;
  const more = rest.filter((line) => line.quota !== null).slice(0, MORE_LINES);
  const others = rest.length - more.length;
  return (
    <article
      className="card account-card"
      aria-labelledby={headingId}
      data-testid={`card-${snapshot.accountId}`}
    >
      <header className="card-header">
        <div>
          <h2 id={headingId}>
            <a href={routeHash({ view: 'account', accountId: snapshot.accountId })}>
              {snapshot.label}
            </a>
          </h2>
          <p className="muted">{descriptor?.displayName ?? snapshot.provider}</p>
        </div>
        <StatusBadge snapshot={snapshot} />
      </header>
      {lead ? (
        <>
          <div className="card-lead">
            {lead.percentUsed !== null && (
              <Gauge percent={lead.percentUsed} level={lead.level} label={labelOf(lead.meter)} />
            )}
            <div>
              <h3 className="line-title">{labelOf(lead.meter)}</h3>
              <p className="headline">{formatUsed(lead, fmt, t)}</p>
              {lead.quota === null && <p className="muted small">{t('line.noQuota')}</p>}
            </div>
          </div>
          <LineFigures line={lead} compact />
        </>
      ) : (
        <p className="muted">{t('card.noLines')}</p>
      )}
      {more.length > 0 && (
        <ul className="more-lines" aria-label={t('card.moreLines')}>
          {more.map((line) => (
            <li key={line.meter.id}>
              {/* Long labels are cut off with an ellipsis: the whole label on hover. */}
              <span className="more-label" title={labelOf(line.meter)}>
                {labelOf(line.meter)}
              </span>
              <Meter percent={line.percentUsed} level={line.level} />
              <span className="more-value">
                {line.percentUsed === null
                  ? fmt.amount(line.used, line.meter.unit)
                  : fmt.percent(line.percentUsed)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <p className="muted small">
          <a href={routeHash({ view: 'account', accountId: snapshot.accountId })}>
            {t('card.otherLines', { count: others })}
          </a>
        </p>
      )}
      <StatusNote snapshot={snapshot} />
      <footer>
        <Freshness snapshot={snapshot} now={props.now} />
      </footer>
    </article>
  );
}
