import type { z } from 'zod';
import { AccountSchema, type Account, type OptionValue } from '../../src-shared/domain/account.ts';
import {
  optionsSchemaFor,
  type FieldSpec,
  type ProviderDescriptor,
} from '../../src-shared/domain/provider-descriptor.ts';
import type { AccountDraftInput } from '../../src-shared/ipc/contract.ts';
import { problemOfIssue, type FieldProblem } from './field-problem.ts';

export type { FieldProblem } from './field-problem.ts';

/** What the account form holds: everything as typed, before it is checked. */
export interface AccountForm {
  readonly provider: string;
  readonly id: string;
  readonly label: string;
  /** Option fields and non-secret credential fields: text, or a list for multiselects. */
  readonly values: Readonly<Record<string, string | readonly string[]>>;
  /** Secrets typed in now; the keychain's values are never read back. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly baseUrl: string;
  readonly pollIntervalMinutes: string;
  readonly enabled: boolean;
}

export type DraftResult =
  | { readonly ok: true; readonly draft: AccountDraftInput }
  | { readonly ok: false; readonly problems: Readonly<Record<string, FieldProblem>> };

/** The form fields an account's options hold: option fields, then non-secret credentials. */
export function optionFieldsOf(descriptor: ProviderDescriptor): FieldSpec[] {
  return [...descriptor.credentialFields.filter((f) => !f.secret), ...descriptor.optionFields];
}

export function emptyForm(descriptor: ProviderDescriptor | null): AccountForm {
  return {
    provider: descriptor?.id ?? '',
    id: '',
    label: descriptor?.displayName ?? '',
    values: {},
    secrets: {},
    baseUrl: '',
    pollIntervalMinutes: '',
    enabled: true,
  };
}

export function formOf(account: Account): AccountForm {
  const values: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(account.options)) {
    values[key] = Array.isArray(value) ? value : String(value);
  }
  return {
    provider: account.provider,
    id: account.id,
    label: account.label,
    values,
    secrets: {},
    baseUrl: account.baseUrl ?? '',
    pollIntervalMinutes: account.pollIntervalMinutes?.toString() ?? '',
    enabled: account.enabled,
  };
}

/** "IDCF Cloud – production" → "idcf-cloud-production": an id the user may keep or change. */
export function suggestId(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'account';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

function optionValue(
  field: FieldSpec,
  raw: string | readonly string[] | undefined,
): OptionValue | undefined {
  if (field.input === 'multiselect') {
    const list = (typeof raw === 'string' ? raw.split(',') : (raw ?? []))
      .map((v) => v.trim())
      .filter(Boolean);
    return list.length > 0 || field.required ? list : undefined;
  }
  const text = (typeof raw === 'string' ? raw : (raw ?? []).join(',')).trim();
  if (text === '') return undefined;
  if (field.input === 'number') return Number(text);
  return text;
}

/** A problem with one of the account's own fields (not its options). */
function accountProblem(key: string, issue: z.core.$ZodIssue, poll: string): FieldProblem {
  if (key === 'id' && issue.code === 'invalid_format') return { code: 'id' };
  // The endpoint's rule (https, or http to this machine) is a refinement: no code tells it.
  if (key === 'baseUrl') return { code: 'url' };
  if (key === 'pollIntervalMinutes' && Number.isNaN(Number(poll))) return { code: 'number' };
  return problemOfIssue(issue, { absent: false });
}

/**
 * Builds the draft the form sends (`accounts:test`, `accounts:save`), checked by the same
 * schemas main applies: the account schema and the provider's options schema, plus the secret
 * fields' own patterns. A problem is keyed by the form field it belongs to.
 */
export function buildDraft(
  form: AccountForm,
  descriptor: ProviderDescriptor,
  existing: Account | null,
  options: { readonly isNew: boolean; readonly secretsPresent: ReadonlySet<string> },
): DraftResult {
  const problems: Record<string, FieldProblem> = {};
  const fields = optionFieldsOf(descriptor);
  const values: Record<string, OptionValue> = {};
  for (const field of fields) {
    const value = optionValue(field, form.values[field.key]);
    if (value !== undefined) values[field.key] = value;
  }
  const checked = optionsSchemaFor(descriptor).safeParse(values);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? '');
      const field = fields.find((f) => f.key === key);
      problems[key] ??= problemOfIssue(issue, {
        absent: values[key] === undefined,
        pattern: field?.pattern !== undefined,
        number: field?.input === 'number',
      });
    }
  }
  for (const field of fields) {
    if (field.input === 'number' && Number.isNaN(values[field.key]))
      problems[field.key] = { code: 'number' };
  }

  const secrets: Record<string, string> = {};
  for (const field of descriptor.credentialFields.filter((f) => f.secret)) {
    const typed = (form.secrets[field.key] ?? '').trim();
    if (typed === '') {
      if (field.required && !options.secretsPresent.has(field.key))
        problems[field.key] = { code: 'required' };
      continue;
    }
    if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(typed)) {
      problems[field.key] = { code: 'pattern' };
      continue;
    }
    secrets[field.key] = typed;
  }

  const poll = form.pollIntervalMinutes.trim();
  const baseUrl = form.baseUrl.trim();
  // The schema's own https check would throw on what is no URL at all: caught here first.
  const baseUrlParses = baseUrl === '' || URL.canParse(baseUrl);
  if (!baseUrlParses) problems.baseUrl = { code: 'url' };
  const account = {
    ...(existing ?? {}),
    id: form.id.trim(),
    provider: descriptor.id,
    label: form.label,
    options: values,
    enabled: form.enabled,
    quotas: existing?.quotas ?? [],
    ...(baseUrl && baseUrlParses ? { baseUrl } : { baseUrl: undefined }),
    ...(poll ? { pollIntervalMinutes: Number(poll) } : { pollIntervalMinutes: undefined }),
  };
  const parsed = AccountSchema.safeParse(account);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head] = issue.path;
      if (head === 'options') continue; // checked above, with the descriptor's own rules
      const key = String(head ?? 'id');
      problems[key] ??= accountProblem(key, issue, poll);
    }
  }
  if (poll && !problems.pollIntervalMinutes && Number(poll) < descriptor.minPollMinutes) {
    problems.pollIntervalMinutes = { code: 'min', min: descriptor.minPollMinutes };
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, draft: { account: parsed.data, secrets, isNew: options.isNew } };
}

/**
 * The draft to send for discovery: like buildDraft, except that the fields discovery fills
 * may still be empty (a required list of services cannot be chosen before it is listed).
 */
export function buildDiscoveryDraft(
  form: AccountForm,
  descriptor: ProviderDescriptor,
  existing: Account | null,
  options: { readonly isNew: boolean; readonly secretsPresent: ReadonlySet<string> },
): DraftResult {
  const relaxed: ProviderDescriptor = {
    ...descriptor,
    optionFields: descriptor.optionFields.map((f) => (f.discover ? { ...f, required: false } : f)),
    credentialFields: descriptor.credentialFields.map((f) =>
      f.discover ? { ...f, required: false } : f,
    ),
  };
  const discovered = new Set(
    optionFieldsOf(relaxed)
      .filter((f) => f.discover)
      .map((f) => f.key),
  );
  // What is typed into a field being discovered is not checked yet, only the rest.
  const withoutDiscovered = {
    ...form,
    values: Object.fromEntries(Object.entries(form.values).filter(([key]) => !discovered.has(key))),
  };
  return buildDraft(withoutDiscovered, relaxed, existing, options);
}
