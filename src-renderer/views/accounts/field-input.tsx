import type { Choice, FieldSpec } from '../../../src-shared/domain/provider-descriptor.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { FieldProblem } from '../../model/field-problem.ts';

/** A field's problem in the user's language; `label` is the field's, for "not a {label}". */
export function useProblemWords(): (problem: FieldProblem, label: string) => string {
  const { t } = useI18n();
  return (problem, label) => {
    switch (problem.code) {
      case 'required':
        return t('form.required');
      case 'pattern':
        return t('form.pattern', { label });
      case 'number':
        return t('form.number');
      case 'wholeNumber':
        return t('form.wholeNumber');
      case 'min':
        return t('form.min', { min: problem.min });
      case 'max':
        return t('form.max', { max: problem.max });
      case 'tooLong':
        return t('form.tooLong', { max: problem.max });
      case 'choice':
        return t('form.choice');
      case 'id':
        return t('form.problem.id');
      case 'url':
        return t('form.problem.url');
      case 'invalid':
        return t('form.invalid');
    }
  };
}

/** Label, help and problem around one form control, wired for screen readers. */
export function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly help?: string | undefined;
  readonly problem?: string | undefined;
  readonly required?: boolean;
  readonly children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
  readonly status?: React.ReactNode;
}) {
  const { t } = useI18n();
  const helpId = props.help ? `${props.id}-help` : undefined;
  const problemId = props.problem ? `${props.id}-problem` : undefined;
  const describedBy = [helpId, problemId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${props.problem ? 'invalid' : ''}`}>
      <label htmlFor={props.id} id={`${props.id}-label`}>
        {props.label}
        {props.required === false && <span className="optional"> ({t('form.optional')})</span>}
      </label>
      {props.children(describedBy, Boolean(props.problem))}
      {props.status}
      {props.help && (
        <p id={helpId} className="help">
          {props.help}
        </p>
      )}
      {props.problem && (
        <p id={problemId} className="field-problem">
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** An option or non-secret credential field, as its descriptor says (text, number, select, list). */
export function OptionInput(props: {
  readonly field: FieldSpec;
  readonly id: string;
  readonly value: string | readonly string[] | undefined;
  readonly choices: readonly Choice[] | undefined;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly onChange: (value: string | readonly string[]) => void;
}) {
  const { t } = useI18n();
  const { field, id, value, choices } = props;
  const common = {
    id,
    'aria-describedby': props.describedBy,
    'aria-invalid': props.invalid || undefined,
  };
  const text = typeof value === 'string' ? value : (value ?? []).join(', ');
  const list = Array.isArray(value)
    ? (value as readonly string[])
    : text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

  if (field.input === 'multiselect' && choices) {
    const extra = list.filter((v) => !choices.some((c) => c.value === v));
    return (
      <div
        className="choices"
        role="group"
        id={id}
        aria-labelledby={`${id}-label`}
        aria-describedby={props.describedBy}
      >
        {[...choices, ...extra.map((v) => ({ value: v, label: v }))].map((choice) => (
          <label key={choice.value} className="check">
            <input
              type="checkbox"
              checked={list.includes(choice.value)}
              onChange={(e) =>
                props.onChange(
                  e.target.checked
                    ? [...list, choice.value]
                    : list.filter((v) => v !== choice.value),
                )
              }
            />
            <span>{choice.label}</span>
          </label>
        ))}
        {choices.length === 0 && <p className="muted">{t('form.nothingFound')}</p>}
      </div>
    );
  }
  const options = field.input === 'select' ? (choices ?? field.choices) : undefined;
  if (options) {
    return (
      <select {...common} value={text} onChange={(e) => props.onChange(e.target.value)}>
        {(!field.required || text === '') && <option value="">{t('form.choose')}</option>}
        {options.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={field.input === 'number' ? 'number' : 'text'}
      value={text}
      placeholder={
        field.placeholder ?? (field.input === 'multiselect' ? t('form.commaSeparated') : undefined)
      }
      spellCheck={false}
      autoComplete="off"
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
