import { parseArgs } from 'node:util';
import type { Account } from '../../../src-shared/domain/account.ts';
import type { CredentialFieldSpec } from '../../../src-shared/domain/provider-descriptor.ts';
import {
  createCredentials,
  secretFields,
  type CredentialCheckOutcome,
  type Credentials,
} from '../../core/credentials.ts';
import { secretEnvName } from '../../platform/secrets/env-secret-store.ts';
import type { ProviderAdapter } from '../../providers/provider.ts';
import { EXIT, UsageError, type CommandEnvironment, type ExitCode } from '../cli-env.ts';
import { loadConfig, pathsFor } from '../context.ts';
import { renderTable } from '../format/table.ts';

export const SECRET_HELP = `Usage:
  cloudmeter secret set <account> [field] [--no-check] [--config FILE]
  cloudmeter secret remove <account> [field] [--config FILE]
  cloudmeter secret status [account] [--json] [--config FILE]

Credentials live only in the OS keychain (service "Cloudmeter", one entry per account and
field: <account>/<field>). A secret is never given as an argument:
  set      reads it from standard input (one line; several fields: one line each, in the
           order the provider lists them) or, on a terminal, from a prompt that does not echo.
           Without a field, every secret field of the account's provider is asked for.
           The provider is asked first whether the credentials work; if it refuses, nothing is
           stored. --no-check stores without asking (offline setup).
  remove   deletes one field, or every entry of the account.
  status   shows which fields are stored (never their values); exit 3 if a required one is
           missing. With --secrets-from-env it shows the environment variables instead.

Examples:
  cloudmeter secret set idcf-main                 # prompts for apiKey, then secretKey
  printf '%s\\n' "$MEMSET_KEY" | cloudmeter secret set memset apiKey`;

export function credentialsFor(env: CommandEnvironment): Credentials {
  return createCredentials({
    secrets: env.secrets,
    http: env.http,
    clock: env.clock,
    log: env.log,
    redactor: env.redactor,
  });
}

/**
 * Reads values for `fields` from the prompt (a terminal) or standard input (one line per
 * field). Returns {} when nothing at all was given, so that the caller can decide whether that
 * is allowed; a partial answer is an error naming what is missing.
 */
export async function readSecretValues(
  env: CommandEnvironment,
  accountId: string,
  fields: readonly CredentialFieldSpec[],
  options: { readonly laterHint: boolean },
): Promise<Record<string, string>> {
  const input = env.input;
  if (!input || fields.length === 0) return {};
  const values: Record<string, string> = {};
  if (input.interactive) {
    const later = options.laterHint ? '; empty to set it later' : '';
    for (const field of fields) {
      const answer = await input.promptHidden(
        `${field.label} (${field.key}) for "${accountId}" (input hidden${later}): `,
      );
      env.redactor.add(answer.trim());
      if (answer.trim() !== '') values[field.key] = answer;
    }
  } else {
    const text = await input.readAll();
    const lines = text.replace(/(\r?\n)+$/, '').split(/\r?\n/);
    for (const line of lines) env.redactor.add(line.trim());
    if (lines.length === 1 && lines[0]!.trim() === '') return {};
    if (lines.length !== fields.length)
      throw new UsageError(
        `expected ${fields.length} line(s) on standard input, one per secret field in this order: ${fields.map((f) => f.key).join(', ')}; got ${lines.length}. Nothing was stored.`,
      );
    fields.forEach((field, i) => {
      if (lines[i]!.trim() !== '') values[field.key] = lines[i]!;
    });
  }
  const given = Object.keys(values);
  const missing = fields.filter((f) => !given.includes(f.key)).map((f) => f.key);
  if (given.length > 0 && missing.length > 0)
    throw new UsageError(
      `account "${accountId}": no value for ${missing.join(', ')}. Nothing was stored.`,
    );
  return values;
}

/** One line on the outcome of asking the provider. */
export function describeCheck(
  adapter: ProviderAdapter,
  accountId: string,
  outcome: CredentialCheckOutcome,
): string {
  const provider = adapter.descriptor.displayName;
  switch (outcome.state) {
    case 'ok':
      return `${provider} accepted the credentials${outcome.identity ? ` (${outcome.identity})` : ''}.`;
    case 'failed':
      return `${provider} did not accept the credentials (${outcome.kind}): ${outcome.message}`;
    case 'skipped':
      return outcome.reason === 'not-requested'
        ? 'Not checked with the provider (--no-check).'
        : `Not checked with ${provider} yet: it also needs ${outcome.missing.join(', ')} (cloudmeter secret set ${accountId} ${outcome.missing[0]}).`;
  }
}

function accountIn(accounts: readonly Account[], id: string | undefined, file: string): Account {
  if (!id) throw new UsageError('name the account id (see: cloudmeter accounts list)');
  const account = accounts.find((a) => a.id === id);
  if (!account) throw new UsageError(`no account "${id}" in ${file}`);
  return account;
}

function adapterOf(env: CommandEnvironment, account: Account): ProviderAdapter {
  const adapter = env.providers.adapterFor(account.provider);
  if (!adapter)
    throw new UsageError(
      `account "${account.id}": provider "${account.provider}" is not available in this version`,
    );
  return adapter;
}

function fieldsToSet(
  adapter: ProviderAdapter,
  account: Account,
  key: string | undefined,
): CredentialFieldSpec[] {
  const secrets = secretFields(adapter.descriptor);
  if (secrets.length === 0)
    throw new UsageError(
      `account "${account.id}": ${adapter.descriptor.displayName} needs no secret`,
    );
  if (key === undefined) return secrets;
  const field = secrets.find((f) => f.key === key);
  if (field) return [field];
  const option = adapter.descriptor.credentialFields.some((f) => f.key === key);
  // An unknown word is not repeated: it may be the secret itself, typed in the wrong place.
  throw new UsageError(
    option
      ? `account "${account.id}": ${key} is not a secret; it is an option in the config file (options.${key})`
      : `account "${account.id}": ${adapter.descriptor.displayName} has no secret field by that name; its secret fields: ${secrets.map((f) => f.key).join(', ')}. The secret itself is never an argument: it is read from standard input or a prompt.`,
  );
}

async function set(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, 'no-check': { type: 'boolean', default: false } },
  });
  if (positionals.length > 2)
    throw new UsageError(
      'secret set takes <account> [field]; the secret itself is read from standard input or a prompt, never from an argument',
    );
  if (env.secretSource === 'environment')
    throw new UsageError('secret set stores in the OS keychain; run it without --secrets-from-env');
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const account = accountIn(config.accounts, positionals[0], paths.configFile);
  const adapter = adapterOf(env, account);
  const fields = fieldsToSet(adapter, account, positionals[1]);
  if (!env.input) throw new UsageError('no standard input to read the secret from');
  const credentials = credentialsFor(env);
  // A locked or missing keychain is reported before anyone types a secret or a provider is asked.
  await credentials.status(account, adapter.descriptor);
  const given = await readSecretValues(env, account.id, fields, { laterHint: false });
  if (Object.keys(given).length === 0)
    throw new UsageError(
      `no secret given for ${fields.map((f) => f.key).join(', ')}: pipe it on standard input or type it at the prompt. Nothing was stored.`,
    );
  const result = await credentials.set(account, adapter, given, {
    check: !values['no-check'],
  });
  const said = describeCheck(adapter, account.id, result.check);
  if (result.check.state === 'failed') {
    const retry = ['auth', 'permission'].includes(result.check.kind)
      ? ''
      : ' Try again later, or store it without asking with --no-check.';
    env.stderr(`${said}\nNothing was stored.${retry}\n`);
    return EXIT.unknown;
  }
  env.stdout(
    `Stored ${result.stored.join(', ')} for "${account.id}" in the OS keychain. ${said}\n`,
  );
  return EXIT.ok;
}

async function remove(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' } },
  });
  const [accountId, field] = positionals;
  if (!accountId) throw new UsageError('secret remove: name the account id');
  if (env.secretSource === 'environment')
    throw new UsageError(
      'secret remove works on the OS keychain; run it without --secrets-from-env',
    );
  const credentials = credentialsFor(env);
  if (field !== undefined) {
    if (await credentials.delete(accountId, field)) {
      env.stdout(`Removed ${field} of "${accountId}" from the OS keychain.\n`);
      return EXIT.ok;
    }
    // Not a stored field's name, so perhaps a secret typed in the wrong place: not repeated.
    const stored = (await env.secrets.list())
      .filter((e) => e.accountId === accountId)
      .map((e) => e.field)
      .sort();
    env.stdout(
      `No field by that name of "${accountId}" is stored (stored: ${stored.join(', ') || 'none'}); nothing to remove.\n`,
    );
    return EXIT.ok;
  }
  const deleted = await credentials.deleteAll(accountId);
  env.stdout(
    deleted.length > 0
      ? `Removed ${deleted.join(', ')} of "${accountId}" from the OS keychain.\n`
      : `Nothing of "${accountId}" was stored in the OS keychain.\n`,
  );
  return EXIT.ok;
}

async function status(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const accounts = positionals[0]
    ? [accountIn(config.accounts, positionals[0], paths.configFile)]
    : config.accounts;
  const credentials = credentialsFor(env);
  const fromEnv = env.secretSource === 'environment';
  const report = [];
  for (const account of accounts) {
    const descriptor = env.providers.descriptorFor(account.provider);
    if (!descriptor || secretFields(descriptor).length === 0) continue;
    const state = await credentials.status(account, descriptor);
    report.push({
      account: account.id,
      provider: account.provider,
      enabled: account.enabled,
      fields: state.fields.map((f) => ({
        ...f,
        ...(fromEnv ? { variable: secretEnvName(account.id, f.key) } : {}),
      })),
      missing: state.missing,
    });
  }
  const known = new Set(config.accounts.map((a) => a.id));
  const orphans =
    fromEnv || positionals[0]
      ? []
      : (await env.secrets.list()).filter((e) => !known.has(e.accountId));
  const incomplete = report.some((r) => r.enabled && r.missing.length > 0);
  if (values.json) {
    env.stdout(
      `${JSON.stringify({ source: env.secretSource, accounts: report, unused: orphans }, null, 2)}\n`,
    );
    return incomplete ? EXIT.unknown : EXIT.ok;
  }
  const rows = report.flatMap((r) =>
    r.fields.map((f) => [
      r.account,
      f.key,
      f.present ? 'stored' : f.required ? 'MISSING' : 'not set',
      ...(fromEnv ? [f.variable ?? ''] : []),
    ]),
  );
  env.stdout(`Source: ${fromEnv ? 'environment variables (--secrets-from-env)' : 'OS keychain'}\n`);
  if (rows.length === 0) env.stdout('No account that needs a secret.\n');
  else
    env.stdout(
      `${renderTable(['ACCOUNT', 'FIELD', 'STATE', ...(fromEnv ? ['VARIABLE'] : [])], rows).join('\n')}\n`,
    );
  for (const r of report.filter((x) => x.missing.length > 0))
    env.stdout(`Store the missing ones with: cloudmeter secret set ${r.account}\n`);
  if (orphans.length > 0)
    env.stdout(
      `Entries of accounts no longer in the config: ${orphans.map((o) => `${o.accountId}/${o.field}`).join(', ')} (remove with: cloudmeter secret remove <account>)\n`,
    );
  return incomplete ? EXIT.unknown : EXIT.ok;
}

export function secretCommand(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'set':
      return set(rest, env);
    case 'remove':
      return remove(rest, env);
    case 'status':
      return status(rest, env);
    default:
      throw new UsageError(SECRET_HELP);
  }
}
