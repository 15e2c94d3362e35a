import type { AccountSnapshot } from '../../src-shared/domain/usage.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { statusWords, type StatusFormat } from '../model/status.ts';
import { useDescriptor } from '../state/app-data.tsx';
import { routeHash } from '../state/route.ts';

/** Times in the user's locale; missing credentials by their labels in the account's form. */
function useStatusFormat(provider: string): StatusFormat {
  const { fmt } = useI18n();
  const descriptor = useDescriptor(provider);
  return {
    time: (at) => fmt.dateTime(at),
    fields: (keys) =>
      fmt.list(
        keys.map((key) => descriptor?.credentialFields.find((f) => f.key === key)?.label ?? key),
      ),
  };
}

export function StatusBadge(props: { readonly snapshot: AccountSnapshot }) {
  const { t } = useI18n();
  const words = statusWords(props.snapshot.status, useStatusFormat(props.snapshot.provider));
  return <span className={`badge tone-${words.tone}`}>{t(words.badge)}</span>;
}

/** What an account's status means and what to do about it; nothing when all is well. */
export function StatusNote(props: { readonly snapshot: AccountSnapshot }) {
  const { t } = useI18n();
  const { snapshot } = props;
  const words = statusWords(snapshot.status, useStatusFormat(snapshot.provider));
  if (!words.advice) return null;
  const fix =
    snapshot.status.state === 'needs-credentials' ||
    (snapshot.status.state === 'error' &&
      (snapshot.status.kind === 'auth' || snapshot.status.kind === 'permission'));
  return (
    <div
      className={`status-note tone-${words.tone}`}
      role={words.tone === 'error' ? 'alert' : undefined}
    >
      <p>
        {t(words.advice, words.params)}
        {snapshot.status.state === 'error' && snapshot.status.retryAt !== null && (
          <> {t('status.retryAt', words.params)}</>
        )}
      </p>
      {words.detail && <p className="detail">{words.detail}</p>}
      {fix && !snapshot.demo && (
        <a
          className="button small"
          href={routeHash({ view: 'account-form', accountId: snapshot.accountId })}
        >
          {t('accounts.edit')}
        </a>
      )}
    </div>
  );
}

/** "Data as of … · fetched …": how fresh the figures are. */
export function Freshness(props: { readonly snapshot: AccountSnapshot; readonly now: number }) {
  const { t, fmt } = useI18n();
  const { snapshot, now } = props;
  if (snapshot.fetchedAt === null) return <p className="freshness">{t('freshness.never')}</p>;
  return (
    <p className="freshness">
      {t('freshness.dataAsOf', { time: fmt.dateTime(snapshot.dataAsOf ?? snapshot.fetchedAt) })}
      <span aria-hidden="true"> · </span>
      {Math.abs(now - snapshot.fetchedAt) < 60_000
        ? t('freshness.fetchedNow')
        : t('freshness.fetched', { relative: fmt.relative(snapshot.fetchedAt, now) })}
    </p>
  );
}
