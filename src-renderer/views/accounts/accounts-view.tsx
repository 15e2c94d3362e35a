import { useState } from 'react';
import { asBridgeError, request } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { StatusBadge } from '../../components/status-note.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';
import { routeHash } from '../../state/route.ts';

/** The configured accounts, with add, edit and remove. */
export function AccountsView() {
  const { t } = useI18n();
  const { data, setConfig } = useAppData();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const [confirming, setConfirming] = useState<string | null>(null);
  const accounts = data.config.accounts;

  const remove = async (id: string, label: string) => {
    try {
      setConfig(await request('accounts:remove', id));
      announce(t('accounts.removed', { name: label }), 'ok');
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    } finally {
      setConfirming(null);
    }
  };

  return (
    <section aria-labelledby="view-title">
      <div className="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {t('accounts.title')}
        </h1>
        <a className="button primary" href={routeHash({ view: 'account-form', accountId: null })}>
          {t('accounts.add')}
        </a>
      </div>
      {accounts.length === 0 ? (
        <p className="empty">{t('accounts.none')}</p>
      ) : (
        <ul className="account-list">
          {accounts.map((account) => {
            const descriptor = data.providers.find((p) => p.id === account.provider);
            const snapshot = data.usage.accounts.find((a) => a.accountId === account.id);
            return (
              <li
                key={account.id}
                className="card account-row"
                data-testid={`account-row-${account.id}`}
              >
                <div className="account-row-main">
                  <h2>
                    <a href={routeHash({ view: 'account', accountId: account.id })}>
                      {account.label}
                    </a>
                  </h2>
                  <p className="muted">
                    {descriptor?.displayName ?? account.provider} · <code>{account.id}</code>
                    {!account.enabled && <> · {t('status.disabled')}</>}
                  </p>
                </div>
                {snapshot && <StatusBadge snapshot={snapshot} />}
                <div className="actions">
                  <a
                    className="button"
                    href={routeHash({ view: 'account-form', accountId: account.id })}
                  >
                    {t('accounts.edit')}
                  </a>
                  {confirming === account.id ? (
                    <>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => void remove(account.id, account.label)}
                        autoFocus
                      >
                        {t('accounts.confirmRemove', { name: account.label })}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(account.id)}>
                      {t('accounts.remove')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {accounts.length === 0 && data.config.preferences.demo === 'auto' && (
        <p className="muted">{t('accounts.demoNote')}</p>
      )}
    </section>
  );
}
