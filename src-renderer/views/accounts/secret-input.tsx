import { useState } from 'react';
import type { CredentialFieldSpec } from '../../../src-shared/domain/provider-descriptor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Field } from './field-input.tsx';

/**
 * A secret credential: typed in and sent, never shown back. The keychain only tells whether a
 * value is stored (`secrets:status`); leaving the field empty keeps it.
 */
export function SecretInput(props: {
  readonly field: CredentialFieldSpec;
  readonly value: string;
  readonly present: boolean;
  readonly problem: string | undefined;
  readonly onChange: (value: string) => void;
  readonly onForget?: () => void;
}) {
  const { t } = useI18n();
  const { field, present } = props;
  const id = `secret-${field.key}`;
  // Removing a secret cannot be undone from here (it is never shown back): asked twice.
  const [confirming, setConfirming] = useState(false);
  return (
    <Field
      id={id}
      label={field.label}
      help={field.help}
      required={field.required}
      problem={props.problem}
      status={
        props.onForget && (
          <p className="secret-status" data-testid={`secret-status-${field.key}`}>
            <span className={`badge tone-${present ? 'ok' : 'warning'}`}>
              {present ? t('secret.stored') : t('secret.missing')}
            </span>
            {present && !confirming && (
              <button
                type="button"
                className="small link-button"
                onClick={() => setConfirming(true)}
              >
                {t('secret.forget')}
              </button>
            )}
            {present && confirming && (
              <>
                <button
                  type="button"
                  className="small danger"
                  autoFocus
                  onClick={() => {
                    setConfirming(false);
                    props.onForget?.();
                  }}
                >
                  {t('secret.confirmForget', { label: field.label })}
                </button>
                <button type="button" className="small" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </>
            )}
          </p>
        )
      }
    >
      {(describedBy, invalid) => (
        <input
          id={id}
          type="password"
          value={props.value}
          autoComplete="off"
          spellCheck={false}
          placeholder={present ? t('secret.keep') : (field.placeholder ?? '')}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
