import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAppData } from '../../state/app-data.tsx';
import { routeHash } from '../../state/route.ts';
import { AccountCard } from './account-card.tsx';

export function OverviewView() {
  const { t, fmt } = useI18n();
  const { data } = useAppData();
  const { accounts, generatedAt } = data.usage;
  return (
    <section aria-labelledby="view-title">
      <div className="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {t('overview.title')}
        </h1>
        <p className="muted">{t('overview.updated', { time: fmt.dateTime(generatedAt) })}</p>
      </div>
      {accounts.some((a) => a.demo) && (
        <p className="notice tone-info">
          {t('overview.demo')}{' '}
          <a href={routeHash({ view: 'account-form', accountId: null })}>{t('accounts.add')}</a>
        </p>
      )}
      {accounts.length === 0 ? (
        <div className="empty">
          <p>{t('overview.empty')}</p>
          <a className="button primary" href={routeHash({ view: 'account-form', accountId: null })}>
            {t('accounts.add')}
          </a>
        </div>
      ) : (
        <div className="card-grid">
          {accounts.map((snapshot) => (
            <AccountCard key={snapshot.accountId} snapshot={snapshot} now={generatedAt} />
          ))}
        </div>
      )}
    </section>
  );
}
