import type { ConnectionTest } from '../../../src-shared/ipc/contract.ts';
import type { BridgeError } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

export type Outcome =
  | { readonly kind: 'test'; readonly test: ConnectionTest }
  | { readonly kind: 'error'; readonly error: BridgeError };

/** The result of "Test connection" or of saving, in words; a failure is an alert. */
export function OutcomeNote(props: { readonly outcome: Outcome | null }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const { outcome } = props;
  if (!outcome) return <div className="outcome" aria-live="polite" />;
  if (outcome.kind === 'error') {
    return (
      <div className="outcome notice tone-error" role="alert" data-testid="form-outcome">
        {errorWords(outcome.error)}
      </div>
    );
  }
  const { test } = outcome;
  if (test.ok) {
    return (
      <div className="outcome notice tone-ok" role="status" data-testid="form-outcome">
        {test.identity ? t('test.okAs', { identity: test.identity }) : t('test.ok')}
      </div>
    );
  }
  return (
    <div className="outcome notice tone-error" role="alert" data-testid="form-outcome">
      <strong>{t('test.failed')}</strong> {t(`test.kind.${test.kind}`)}
      <span className="detail"> {test.message}</span>
    </div>
  );
}
