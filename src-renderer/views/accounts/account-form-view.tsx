import { useCallback, useMemo, useState } from 'react';
import type { Choice, ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import type { SecretStatus } from '../../../src-shared/ipc/contract.ts';
import { asBridgeError, request } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import {
  buildDiscoveryDraft,
  buildDraft,
  emptyForm,
  formOf,
  suggestId,
  type AccountForm,
  type FieldProblem,
} from '../../model/account-draft.ts';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';
import { navigate, routeHash } from '../../state/route.ts';
import { useRequest } from '../../state/use-request.ts';
import { Field, OptionInput, useProblemWords } from './field-input.tsx';
import { AdvancedFields } from './advanced-fields.tsx';
import { OutcomeNote, type Outcome } from './connection-outcome.tsx';
import { SecretInput } from './secret-input.tsx';

/**
 * Adding or editing an account, with a form generated from the provider's descriptor:
 * credential fields (secrets write-only), option fields with lists discovered from the
 * provider, "Test connection", and save (which main refuses if the credentials fail).
 */
export function AccountFormView(props: { readonly accountId: string | null }) {
  const { t } = useI18n();
  const { data } = useAppData();
  const existing =
    props.accountId === null ? null : data.config.accounts.find((a) => a.id === props.accountId);
  if (props.accountId !== null && !existing) {
    return (
      <section aria-labelledby="view-title">
        <h1 id="view-title" tabIndex={-1}>
          {t('account.notFound')}
        </h1>
      </section>
    );
  }
  return <AccountFormBody key={props.accountId ?? 'new'} existingId={existing?.id ?? null} />;
}

function AccountFormBody(props: { readonly existingId: string | null }) {
  const { t } = useI18n();
  const { data, setConfig } = useAppData();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const problemWords = useProblemWords();
  const isNew = props.existingId === null;
  const existing = data.config.accounts.find((a) => a.id === props.existingId) ?? null;
  const choosable = data.providers.filter((p) => !p.demo);

  const [form, setForm] = useState<AccountForm>(() =>
    existing ? formOf(existing) : emptyForm(null),
  );
  const [idTouched, setIdTouched] = useState(!isNew);
  const [problems, setProblems] = useState<Readonly<Record<string, FieldProblem>>>({});
  const [discovered, setDiscovered] = useState<Record<string, Choice[]>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | 'discover' | null>(null);
  const descriptor = data.providers.find((p) => p.id === form.provider);

  const loadSecrets = useCallback(
    () => (props.existingId ? request('secrets:status', props.existingId) : Promise.resolve(null)),
    [props.existingId],
  );
  const loaded = useRequest(loadSecrets);
  // `secrets:delete` answers with the new status: it replaces the one loaded.
  const [updatedStatus, setUpdatedStatus] = useState<SecretStatus | null>(null);
  const secretStatus = updatedStatus ?? (loaded.state === 'ready' ? loaded.value : null);
  const present = useMemo(
    () =>
      new Set(secretStatus ? secretStatus.fields.filter((f) => f.present).map((f) => f.key) : []),
    [secretStatus],
  );

  const update = (change: Partial<AccountForm>) => {
    setForm((current) => {
      const next = { ...current, ...change };
      if (isNew && !idTouched && change.label !== undefined) {
        next.id = suggestId(
          change.label,
          data.config.accounts.map((a) => a.id),
        );
      }
      return next;
    });
    setOutcome(null);
  };

  const chooseProvider = (id: string) => {
    const chosen = data.providers.find((p) => p.id === id) ?? null;
    const fresh = emptyForm(chosen);
    setForm({
      ...fresh,
      id: idTouched
        ? form.id
        : suggestId(
            fresh.label,
            data.config.accounts.map((a) => a.id),
          ),
    });
    setDiscovered({});
    setProblems({});
    setOutcome(null);
  };

  const draftFor = (d: ProviderDescriptor, build: typeof buildDraft = buildDraft) => {
    const result = build(form, d, existing, { isNew, secretsPresent: present });
    if (result.ok) return result.draft;
    setProblems(result.problems);
    announce(t('form.fixProblems'), 'warning');
    return null;
  };

  const run = async (kind: 'test' | 'save', d: ProviderDescriptor) => {
    const draft = draftFor(d);
    if (!draft) return;
    setProblems({});
    setBusy(kind);
    try {
      if (kind === 'test') {
        setOutcome({ kind: 'test', test: await request('accounts:test', draft) });
        return;
      }
      const saved = await request('accounts:save', draft);
      if (saved.test && !saved.test.ok) {
        setOutcome({ kind: 'test', test: saved.test });
        return;
      }
      setConfig(saved.config);
      announce(t('accounts.saved', { name: draft.account.label }), 'ok');
      navigate({ view: 'account', accountId: draft.account.id });
    } catch (error) {
      setOutcome({ kind: 'error', error: asBridgeError(error) });
    } finally {
      setBusy(null);
    }
  };

  const discover = async (d: ProviderDescriptor, key: string) => {
    const draft = draftFor(d, buildDiscoveryDraft);
    if (!draft) return;
    setProblems({});
    setBusy('discover');
    try {
      const found = await request('accounts:discover', draft);
      setDiscovered((current) => ({ ...current, ...found }));
      const count = found[key]?.length ?? 0;
      announce(t('form.discovered', { count }), 'ok');
    } catch (error) {
      setOutcome({ kind: 'error', error: asBridgeError(error) });
    } finally {
      setBusy(null);
    }
  };

  const forgetSecret = async (key: string) => {
    if (!props.existingId) return;
    try {
      setUpdatedStatus(await request('secrets:delete', props.existingId, key));
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };

  const problemText = (key: string, label: string) => {
    const problem = problems[key];
    return problem ? problemWords(problem, label) : undefined;
  };
  const title = isNew ? t('form.addTitle') : t('form.editTitle', { name: existing?.label ?? '' });

  return (
    <section aria-labelledby="view-title" className="account-form-view">
      <div className="view-header">
        <div>
          <p className="breadcrumb">
            <a href={routeHash({ view: 'accounts' })}>{t('nav.accounts')}</a>
          </p>
          <h1 id="view-title" tabIndex={-1}>
            {title}
          </h1>
        </div>
      </div>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (descriptor) void run('save', descriptor);
        }}
        aria-busy={busy !== null}
      >
        <Field id="provider" label={t('form.provider')} help={descriptor?.summary}>
          {(describedBy) => (
            <select
              id="provider"
              value={form.provider}
              disabled={!isNew}
              aria-describedby={describedBy}
              onChange={(e) => chooseProvider(e.target.value)}
            >
              <option value="">{t('form.chooseProvider')}</option>
              {choosable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        {descriptor && (
          <>
            <div className="field-row">
              <Field
                id="label"
                label={t('form.label')}
                problem={problemText('label', t('form.label'))}
              >
                {(describedBy, invalid) => (
                  <input
                    id="label"
                    type="text"
                    value={form.label}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onChange={(e) => update({ label: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id="account-id"
                label={t('form.id')}
                help={t('form.idHelp')}
                problem={problemText('id', t('form.id'))}
              >
                {(describedBy, invalid) => (
                  <input
                    id="account-id"
                    type="text"
                    value={form.id}
                    readOnly={!isNew}
                    spellCheck={false}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onChange={(e) => {
                      setIdTouched(true);
                      update({ id: e.target.value });
                    }}
                  />
                )}
              </Field>
            </div>

            {descriptor.credentialFields.length > 0 && (
              <fieldset>
                <legend>{t('form.credentials')}</legend>
                <p className="help">{t('form.secretsNote')}</p>
                {descriptor.credentialFields.map((field) =>
                  field.secret ? (
                    <SecretInput
                      key={field.key}
                      field={field}
                      value={form.secrets[field.key] ?? ''}
                      present={present.has(field.key)}
                      problem={problemText(field.key, field.label)}
                      onChange={(value) =>
                        update({ secrets: { ...form.secrets, [field.key]: value } })
                      }
                      {...(isNew ? {} : { onForget: () => void forgetSecret(field.key) })}
                    />
                  ) : (
                    <Field
                      key={field.key}
                      id={`option-${field.key}`}
                      label={field.label}
                      help={field.help}
                      required={field.required}
                      problem={problemText(field.key, field.label)}
                    >
                      {(describedBy, invalid) => (
                        <OptionInput
                          field={field}
                          id={`option-${field.key}`}
                          value={form.values[field.key]}
                          choices={undefined}
                          describedBy={describedBy}
                          invalid={invalid}
                          onChange={(value) =>
                            update({ values: { ...form.values, [field.key]: value } })
                          }
                        />
                      )}
                    </Field>
                  ),
                )}
              </fieldset>
            )}

            {descriptor.optionFields.length > 0 && (
              <fieldset>
                <legend>{t('form.options')}</legend>
                {descriptor.optionFields.map((field) => (
                  <Field
                    key={field.key}
                    id={`option-${field.key}`}
                    label={field.label}
                    help={field.help}
                    required={field.required}
                    problem={problemText(field.key, field.label)}
                    status={
                      field.discover ? (
                        <button
                          type="button"
                          className="small"
                          disabled={busy !== null}
                          onClick={() => void discover(descriptor, field.key)}
                        >
                          {t('form.discover', { label: field.label })}
                        </button>
                      ) : undefined
                    }
                  >
                    {(describedBy, invalid) => (
                      <OptionInput
                        field={field}
                        id={`option-${field.key}`}
                        value={form.values[field.key]}
                        choices={discovered[field.key]}
                        describedBy={describedBy}
                        invalid={invalid}
                        onChange={(value) =>
                          update({ values: { ...form.values, [field.key]: value } })
                        }
                      />
                    )}
                  </Field>
                ))}
              </fieldset>
            )}

            <AdvancedFields
              descriptor={descriptor}
              form={form}
              problemText={problemText}
              onChange={update}
            />

            <OutcomeNote outcome={outcome} />

            <div className="form-actions">
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void run('test', descriptor)}
              >
                {busy === 'test' ? t('form.testing') : t('form.test')}
              </button>
              <button type="submit" className="primary" disabled={busy !== null}>
                {busy === 'save' ? t('form.saving') : t('form.save')}
              </button>
              <a className="button" href={routeHash({ view: 'accounts' })}>
                {t('common.cancel')}
              </a>
            </div>
          </>
        )}
      </form>
    </section>
  );
}
