import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { AccountForm } from '../../model/account-draft.ts';
import { Field } from './field-input.tsx';

/** What most accounts never change: another endpoint, the poll interval, pausing the account. */
export function AdvancedFields(props: {
  readonly descriptor: ProviderDescriptor;
  readonly form: AccountForm;
  readonly problemText: (key: string, label: string) => string | undefined;
  readonly onChange: (change: Partial<AccountForm>) => void;
}) {
  const { t } = useI18n();
  return (
    <details className="advanced">
      <summary>{t('form.advanced')}</summary>
      <Field
        id="base-url"
        label={t('form.baseUrl')}
        help={t('form.baseUrlHelp', { url: props.descriptor.defaultBaseUrl })}
        required={false}
        problem={props.problemText('baseUrl', t('form.baseUrl'))}
      >
        {(describedBy, invalid) => (
          <input
            id="base-url"
            type="url"
            value={props.form.baseUrl}
            placeholder={props.descriptor.defaultBaseUrl}
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => props.onChange({ baseUrl: e.target.value })}
          />
        )}
      </Field>
      <Field
        id="poll-interval"
        label={t('form.pollInterval')}
        help={t('form.pollIntervalHelp', {
          default: props.descriptor.defaultPollMinutes,
          min: props.descriptor.minPollMinutes,
        })}
        required={false}
        problem={props.problemText('pollIntervalMinutes', t('form.pollInterval'))}
      >
        {(describedBy, invalid) => (
          <input
            id="poll-interval"
            type="number"
            min={props.descriptor.minPollMinutes}
            value={props.form.pollIntervalMinutes}
            placeholder={String(props.descriptor.defaultPollMinutes)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => props.onChange({ pollIntervalMinutes: e.target.value })}
          />
        )}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={props.form.enabled}
          onChange={(e) => props.onChange({ enabled: e.target.checked })}
        />
        <span>{t('form.enabled')}</span>
      </label>
    </details>
  );
}
