import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../src-shared/domain/account.ts';
import { asBridgeError, request } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeterLabels } from '../../i18n/use-meter-labels.ts';
import {
  accountAlertFields,
  buildAccountAlerts,
  parseThresholds,
  type AccountAlertFields,
  type ForecastChoice,
  type ThresholdProblem,
} from '../../model/alert-form.ts';
import { linesByUrgency } from '../../model/lines.ts';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';
import { navigate } from '../../state/route.ts';
import { ThresholdInputs } from './threshold-inputs.tsx';

const DAY_MS = 86_400_000;

/** One account's alerts over the global ones: thresholds per account and per line, snooze. */
export function AccountAlertsSection(props: { readonly accountId: string | undefined }) {
  const { t } = useI18n();
  const { data } = useAppData();
  const accounts = data.config.accounts;
  const account = accounts.find((a) => a.id === props.accountId) ?? accounts[0];
  // Opened for one account (from its page, or a notification): show its section.
  const section = useRef<HTMLElement>(null);
  const asked = props.accountId !== undefined;
  useEffect(() => {
    if (!asked) return;
    // After the frame in which the window scrolls a new view to its top.
    const frame = requestAnimationFrame(() => section.current?.scrollIntoView({ block: 'start' }));
    return () => cancelAnimationFrame(frame);
  }, [asked]);
  if (!account) return null;
  return (
    <section
      ref={section}
      className="panel"
      aria-labelledby="account-alerts-title"
      data-testid="account-alerts"
    >
      <div className="panel-header">
        <h2 id="account-alerts-title">{t('alerts.perAccount')}</h2>
        <label className="inline-field">
          <span>{t('alerts.account')}</span>
          <select
            value={account.id}
            onChange={(e) => navigate({ view: 'settings', accountId: e.target.value })}
            data-testid="alerts-account-picker"
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AccountAlertsForm key={account.id} account={account} />
    </section>
  );
}

function AccountAlertsForm(props: { readonly account: Account }) {
  const { t, fmt } = useI18n();
  const { data, setConfig } = useAppData();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const { account } = props;
  const descriptor = data.providers.find((p) => p.id === account.provider);
  const snapshot = data.usage.accounts.find((a) => a.accountId === account.id);
  const lines = snapshot ? linesByUrgency(snapshot.meters).filter((l) => l.quota !== null) : [];
  const labelOf = useMeterLabels(
    account.provider,
    (snapshot?.meters ?? []).map((l) => l.meter),
  );
  const [fields, setFields] = useState<AccountAlertFields>(() =>
    accountAlertFields(account.alerts),
  );
  const [poll, setPoll] = useState(account.pollIntervalMinutes?.toString() ?? '');
  const [problems, setProblems] = useState<Readonly<Record<string, ThresholdProblem>>>({});
  const [pollProblem, setPollProblem] = useState(false);

  const global = data.config.alerts.thresholds;
  const own = parseThresholds(fields.thresholds);
  const inherited =
    own.ok && own.value
      ? { warning: own.value.warningPercent, critical: own.value.criticalPercent }
      : { warning: global.warningPercent, critical: global.criticalPercent };
  const meterFields = (id: string) =>
    fields.meters[id] ?? { thresholds: { warning: '', critical: '' }, muted: false };

  const save = async () => {
    const built = buildAccountAlerts(fields, account.alerts);
    const minutes = poll.trim() === '' ? undefined : Number(poll);
    const pollBad =
      minutes !== undefined &&
      (!Number.isInteger(minutes) || minutes < (descriptor?.minPollMinutes ?? 1) || minutes > 1440);
    setPollProblem(pollBad);
    setProblems(built.ok ? {} : built.problems);
    if (!built.ok || pollBad) return;
    const { alerts: _alerts, pollIntervalMinutes: _poll, ...rest } = account;
    const next: Account = {
      ...rest,
      ...(built.value ? { alerts: built.value } : {}),
      ...(minutes !== undefined ? { pollIntervalMinutes: minutes } : {}),
    };
    try {
      const saved = await request('accounts:save', { account: next, secrets: {}, isNew: false });
      setConfig(saved.config);
      announce(t('alerts.saved', { name: account.label }), 'ok');
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };

  const snooze = async (until: number | null) => {
    try {
      await request('alerts:snooze', account.id, until);
      announce(
        until === null
          ? t('snooze.cleared', { name: account.label })
          : t('snooze.until', { name: account.label, time: fmt.dateTime(until) }),
        'ok',
      );
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };
  const now = data.usage.generatedAt;
  const snoozedUntil = data.usage.snoozedUntil[account.id];
  const periodEnd = lines[0]?.period.end;

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>{t('alerts.accountThresholds')}</legend>
        <p className="help">{t('alerts.inheritHelp')}</p>
        <ThresholdInputs
          id="account-thresholds"
          value={fields.thresholds}
          inherited={{ warning: global.warningPercent, critical: global.criticalPercent }}
          problem={problems.account}
          onChange={(thresholds) => setFields({ ...fields, thresholds })}
        />
        <label className="inline-field">
          <span>{t('alerts.forecast')}</span>
          <select
            value={fields.forecast}
            onChange={(e) => setFields({ ...fields, forecast: e.target.value as ForecastChoice })}
          >
            <option value="inherit">{t('alerts.forecast.inherit')}</option>
            <option value="on">{t('alerts.forecast.on')}</option>
            <option value="off">{t('alerts.forecast.off')}</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fields.muted}
            onChange={(e) => setFields({ ...fields, muted: e.target.checked })}
          />
          <span>{t('alerts.muteAccount')}</span>
        </label>
        <label className="inline-field">
          <span>{t('form.pollInterval')}</span>
          <input
            type="number"
            min={descriptor?.minPollMinutes ?? 1}
            max={1440}
            value={poll}
            placeholder={String(descriptor?.defaultPollMinutes ?? '')}
            aria-invalid={pollProblem || undefined}
            onChange={(e) => setPoll(e.target.value)}
          />
        </label>
        {pollProblem && (
          <p className="field-problem">{t('form.min', { min: descriptor?.minPollMinutes ?? 1 })}</p>
        )}
      </fieldset>

      {lines.length > 0 && (
        <fieldset>
          <legend>{t('alerts.perLine')}</legend>
          <div className="table-scroll">
            <table className="lines-table">
              <thead>
                <tr>
                  <th scope="col">{t('table.line')}</th>
                  <th scope="col">{t('alerts.thresholds')}</th>
                  <th scope="col">{t('alerts.mute')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => {
                  const id = line.meter.id;
                  const label = labelOf(line.meter);
                  const current = meterFields(id);
                  return (
                    <tr key={id} data-testid={`line-alerts-${id}`}>
                      <th scope="row">
                        {label}
                        <span className={`badge level-${line.level}`}>
                          {t(`level.${line.level}`)}
                        </span>
                      </th>
                      <td>
                        <ThresholdInputs
                          id={`line-${id}`}
                          label={label}
                          value={current.thresholds}
                          inherited={inherited}
                          problem={problems[id]}
                          onChange={(thresholds) =>
                            setFields({
                              ...fields,
                              meters: { ...fields.meters, [id]: { ...current, thresholds } },
                            })
                          }
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('alerts.mute')}: ${label}`}
                          checked={current.muted}
                          onChange={(e) =>
                            setFields({
                              ...fields,
                              meters: {
                                ...fields.meters,
                                [id]: { ...current, muted: e.target.checked },
                              },
                            })
                          }
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('alerts.saveAccount')}
        </button>
      </div>
      <fieldset>
        <legend>{t('snooze.title')}</legend>
        <p className="help">{t('snooze.help')}</p>
        {snoozedUntil !== undefined && (
          <p className="notice tone-warning" data-testid="snoozed-until">
            {t('snooze.until', { name: account.label, time: fmt.dateTime(snoozedUntil) })}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => void snooze(now + DAY_MS)}>
            {t('snooze.day')}
          </button>
          <button type="button" onClick={() => void snooze(now + 7 * DAY_MS)}>
            {t('snooze.week')}
          </button>
          {periodEnd !== undefined && (
            <button type="button" onClick={() => void snooze(periodEnd)}>
              {t('snooze.period')}
            </button>
          )}
          {snoozedUntil !== undefined && (
            <button type="button" onClick={() => void snooze(null)}>
              {t('snooze.clear')}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
