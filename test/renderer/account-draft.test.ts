import { describe, expect, it } from 'vitest';
import { idcfDescriptor } from '../../src-main/providers/idcf/idcf.descriptor.ts';
import { memsetDescriptor } from '../../src-main/providers/memset/memset.descriptor.ts';
import { surfercloudDescriptor } from '../../src-main/providers/surfercloud/surfercloud.descriptor.ts';
import {
  buildDiscoveryDraft,
  buildDraft,
  emptyForm,
  formOf,
  suggestId,
  type AccountForm,
} from '../../src-renderer/model/account-draft.ts';
import { AccountSchema } from '../../src-shared/domain/account.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { AccountDraftSchema } from '../../src-shared/ipc/contract.ts';

const idcf = ProviderDescriptorSchema.parse(idcfDescriptor);
const memset = ProviderDescriptorSchema.parse(memsetDescriptor);
const surfercloud = ProviderDescriptorSchema.parse(surfercloudDescriptor);
const none = { isNew: true, secretsPresent: new Set<string>() };
const key = 'k'.repeat(86);

function form(descriptor: typeof idcf, change: Partial<AccountForm>): AccountForm {
  return { ...emptyForm(descriptor), id: 'acct', ...change };
}

describe('the account form’s draft', () => {
  it('names every missing or malformed field, by the descriptor’s rules', () => {
    const result = buildDraft(
      form(idcf, { id: 'Bad Id', secrets: { apiKey: 'short' } }),
      idcf,
      null,
      none,
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? {} : result.problems;
    expect(Object.keys(problems).sort()).toEqual(['apiKey', 'id', 'secretKey']);
    expect(problems.apiKey).toEqual({ code: 'pattern' });
    expect(problems.secretKey).toEqual({ code: 'required' });
    expect(problems.id).toEqual({ code: 'id' });
  });

  it('gives every problem as a code the window puts into words, never a schema’s message', () => {
    const result = buildDraft(
      form(idcf, {
        label: 'x'.repeat(81),
        baseUrl: 'ftp://example.com',
        pollIntervalMinutes: '20.5',
        secrets: { apiKey: key, secretKey: key },
      }),
      idcf,
      null,
      none,
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        label: { code: 'tooLong', max: 80 },
        baseUrl: { code: 'url' },
        pollIntervalMinutes: { code: 'wholeNumber' },
      },
    });
    // Not a URL at all: the schema's https check would throw on it.
    expect(
      buildDraft(
        form(idcf, { baseUrl: 'not a url', secrets: { apiKey: key, secretKey: key } }),
        idcf,
        null,
        none,
      ),
    ).toEqual({ ok: false, problems: { baseUrl: { code: 'url' } } });
    const memsetResult = buildDraft(
      form(memset, {
        values: { services: ['a'], gigabyteUnit: 'TB' },
        secrets: { apiKey: 'x' },
        pollIntervalMinutes: '2000',
      }),
      memset,
      null,
      none,
    );
    expect(memsetResult).toEqual({
      ok: false,
      problems: {
        gigabyteUnit: { code: 'choice' },
        pollIntervalMinutes: { code: 'max', max: 1440 },
      },
    });
  });

  it('builds a draft main accepts, with secrets apart from the account', () => {
    const result = buildDraft(
      form(idcf, {
        label: ' IDCF ',
        values: { regions: 'jp-east, jp-west' },
        secrets: { apiKey: key, secretKey: key },
      }),
      idcf,
      null,
      none,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(AccountDraftSchema.parse(result.draft)).toEqual(result.draft);
    expect(result.draft.account).toMatchObject({
      id: 'acct',
      label: 'IDCF',
      options: { regions: ['jp-east', 'jp-west'] },
    });
    expect(JSON.stringify(result.draft.account)).not.toContain(key);
    expect(result.draft.secrets).toEqual({ apiKey: key, secretKey: key });
  });

  it('keeps stored secrets when editing and the fields are left empty', () => {
    const existing = AccountSchema.parse({
      id: 'acct',
      provider: 'memset',
      label: 'M',
      options: { services: ['a'] },
      alerts: { muted: true },
    });
    const result = buildDraft(formOf(existing), memset, existing, {
      isNew: false,
      secretsPresent: new Set(['apiKey']),
    });
    expect(result).toMatchObject({
      ok: true,
      draft: { secrets: {}, isNew: false, account: { alerts: { muted: true } } },
    });
  });

  it('requires a required list, leaves out an empty optional one, and checks the poll interval', () => {
    expect(buildDraft(form(memset, { secrets: { apiKey: 'x' } }), memset, null, none)).toEqual({
      ok: false,
      problems: { services: { code: 'required' } },
    });
    const result = buildDraft(
      form(surfercloud, {
        values: { publicKey: 'pk', regions: ['hk'], eips: [] },
        secrets: { privateKey: 'secret' },
        pollIntervalMinutes: '1',
      }),
      surfercloud,
      null,
      none,
    );
    expect(result).toEqual({
      ok: false,
      problems: { pollIntervalMinutes: { code: 'min', min: surfercloud.minPollMinutes } },
    });
  });

  it('suggests a free id from the name', () => {
    expect(suggestId('IDCF Cloud – Tokyo', [])).toBe('idcf-cloud-tokyo');
    expect(suggestId('IDCF', ['idcf', 'idcf-2'])).toBe('idcf-3');
    expect(suggestId('東京', [])).toBe('account');
  });
});

describe('the draft sent to discover choices', () => {
  it('lets the fields being discovered be empty and keeps the others', () => {
    const result = buildDiscoveryDraft(
      form(surfercloud, {
        values: { publicKey: 'pk-1', regions: 'hk', eips: 'not yet, checked' },
        secrets: { privateKey: 'secret' },
      }),
      surfercloud,
      null,
      none,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.draft.account.options).toEqual({ publicKey: 'pk-1' });
    const memsetDraft = buildDiscoveryDraft(
      form(memset, { secrets: { apiKey: 'x' } }),
      memset,
      null,
      none,
    );
    expect(memsetDraft.ok).toBe(true);
    // Secrets and the non-discovered fields are still checked.
    expect(buildDiscoveryDraft(form(memset, {}), memset, null, none)).toEqual({
      ok: false,
      problems: { apiKey: { code: 'required' } },
    });
  });
});
