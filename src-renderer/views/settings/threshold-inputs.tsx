import { useI18n } from '../../i18n/i18n-context.tsx';
import type { ThresholdFields, ThresholdProblem } from '../../model/alert-form.ts';

/** Warning and critical percents side by side; empty fields inherit (shown as placeholders). */
export function ThresholdInputs(props: {
  readonly id: string;
  readonly value: ThresholdFields;
  readonly inherited?: { readonly warning: number; readonly critical: number };
  readonly problem: ThresholdProblem | undefined;
  readonly label?: string;
  readonly onChange: (value: ThresholdFields) => void;
}) {
  const { t } = useI18n();
  const { id, value, inherited, problem } = props;
  const problemId = problem ? `${id}-problem` : undefined;
  const field = (key: 'warning' | 'critical') => (
    <label className="inline-field compact">
      <span>{t(`alerts.${key}`)}</span>
      <span className="with-suffix">
        <input
          id={`${id}-${key}`}
          type="number"
          inputMode="decimal"
          min={0}
          max={1000}
          value={value[key]}
          placeholder={inherited ? String(inherited[key]) : ''}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problemId}
          aria-label={props.label ? `${props.label}: ${t(`alerts.${key}`)}` : undefined}
          onChange={(e) => props.onChange({ ...value, [key]: e.target.value })}
        />
        <span aria-hidden="true">%</span>
      </span>
    </label>
  );
  return (
    <div className="thresholds">
      {field('warning')}
      {field('critical')}
      {problem && (
        <p id={problemId} className="field-problem">
          {t(`alerts.problem.${problem}`)}
        </p>
      )}
    </div>
  );
}
