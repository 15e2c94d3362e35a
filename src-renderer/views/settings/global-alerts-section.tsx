import { useState } from 'react';
import { AlertSettingsSchema } from '../../../src-shared/domain/config.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/types.ts';
import { parseThresholds, thresholdFields, type ThresholdProblem } from '../../model/alert-form.ts';
import { useAppData } from '../../state/app-data.tsx';
import { useSettingsUpdate } from './use-settings-update.ts';
import { ThresholdInputs } from './threshold-inputs.tsx';

/** The alert settings every account inherits, saved together. */
export function GlobalAlertsSection() {
  const { t } = useI18n();
  const { data } = useAppData();
  const update = useSettingsUpdate();
  const alerts = data.config.alerts;
  const [thresholds, setThresholds] = useState(() => thresholdFields(alerts.thresholds));
  const [forecast, setForecast] = useState(alerts.forecast);
  const [failures, setFailures] = useState(alerts.failures);
  const [staleAfter, setStaleAfter] = useState(String(alerts.staleAfterHours));
  const [quiet, setQuiet] = useState(alerts.quietHours !== undefined);
  const [quietFrom, setQuietFrom] = useState(alerts.quietHours?.from ?? '22:00');
  const [quietTo, setQuietTo] = useState(alerts.quietHours?.to ?? '07:00');
  const [problem, setProblem] = useState<ThresholdProblem | undefined>();
  const [invalid, setInvalid] = useState<MessageKey | null>(null);

  const save = () => {
    const parsed = parseThresholds(thresholds);
    if (!parsed.ok || !parsed.value) {
      setProblem(parsed.ok ? 'both' : parsed.problem);
      return;
    }
    setProblem(undefined);
    const stale = Number(staleAfter);
    if (!(stale > 0 && stale <= 744)) {
      setInvalid('alerts.problem.stale');
      return;
    }
    const quietHours = quiet ? { from: quietFrom, to: quietTo } : null;
    const next = { thresholds: parsed.value, forecast, failures, staleAfterHours: stale };
    // Checked as the config will be; "no quiet hours" is null in the patch, absent in the config.
    const checked = AlertSettingsSchema.safeParse(quietHours ? { ...next, quietHours } : next);
    if (!checked.success) {
      const quietProblem = checked.error.issues.some((issue) => issue.path[0] === 'quietHours');
      setInvalid(quietProblem ? 'alerts.problem.quietHours' : 'form.invalid');
      return;
    }
    setInvalid(null);
    void update({ alerts: { ...next, quietHours } }, t('settings.saved'));
  };

  return (
    <section className="panel" aria-labelledby="alerts-title">
      <div className="panel-header">
        <h2 id="alerts-title">{t('alerts.title')}</h2>
      </div>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="help">{t('alerts.help')}</p>
        <ThresholdInputs
          id="global-thresholds"
          value={thresholds}
          problem={problem}
          onChange={setThresholds}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={forecast}
            onChange={(e) => setForecast(e.target.checked)}
          />
          <span>{t('alerts.forecast')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={failures}
            onChange={(e) => setFailures(e.target.checked)}
          />
          <span>{t('alerts.failures')}</span>
        </label>
        <label className="inline-field">
          <span>{t('alerts.staleAfter')}</span>
          <input
            type="number"
            min={1}
            max={744}
            value={staleAfter}
            onChange={(e) => setStaleAfter(e.target.value)}
          />
        </label>
        <fieldset className="quiet-hours">
          <legend>{t('alerts.quietHours')}</legend>
          <label className="check">
            <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
            <span>{t('alerts.quietHoursOn')}</span>
          </label>
          <label className="inline-field compact">
            <span>{t('alerts.from')}</span>
            <input
              type="time"
              value={quietFrom}
              disabled={!quiet}
              onChange={(e) => setQuietFrom(e.target.value)}
            />
          </label>
          <label className="inline-field compact">
            <span>{t('alerts.to')}</span>
            <input
              type="time"
              value={quietTo}
              disabled={!quiet}
              onChange={(e) => setQuietTo(e.target.value)}
            />
          </label>
        </fieldset>
        {invalid && <p className="field-problem">{t(invalid)}</p>}
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('alerts.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
