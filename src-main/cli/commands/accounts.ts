import { parseArgs } from 'node:util';
import {
  AccountSchema,
  type Account,
  type OptionValue,
} from '../../../src-shared/domain/account.ts';
import { PROVIDER_IDS, ProviderIdSchema } from '../../../src-shared/domain/provider-id.ts';
import type { ProviderDescriptor } from '../../../src-shared/domain/provider-descriptor.ts';
import { effectiveAccounts, pollIntervalMinutes } from '../../core/accounts.ts';
import { validateConfig } from '../../core/config-validation.ts';
import { secretFields, type CredentialCheckOutcome } from '../../core/credentials.ts';
import { ADAPTERS } from '../../providers/index.ts';
import {
  EXIT,
  UsageError,
  type CliEnvironment,
  type CommandEnvironment,
  type ExitCode,
} from '../cli-env.ts';
import { loadConfig, pathsFor, saveConfig } from '../context.ts';
import { renderTable } from '../format/table.ts';
import { credentialsFor, describeCheck, readSecretValues } from './secret.ts';

export const ACCOUNTS_HELP = `Usage:
  cloudmeter accounts list [--config FILE] [--json]
  cloudmeter accounts add <provider> [--id ID] [--label TEXT] [--option KEY=VALUE]...
                          [--base-url URL] [--poll-minutes N] [--disabled] [--no-check]
                          [--config FILE]
  cloudmeter accounts remove <id> [--config FILE]

add asks for the provider's secrets (a prompt that does not echo, or standard input: one line
per secret field) and checks them with the provider before anything is written; if the
provider refuses, neither the config nor the keychain is changed. Give no secret to add the
account now and store them later with \`cloudmeter secret set <id>\`.
remove also deletes the account's entries from the OS keychain.

Providers: ${
  ADAPTERS.filter((a) => !a.descriptor.demo)
    .map((a) => a.descriptor.id)
    .join(', ') || '(none yet)'
}
Options per provider are listed by: cloudmeter accounts add <provider> --help`;

function providerHelp(descriptor: ProviderDescriptor): string {
  const fields = [
    ...descriptor.optionFields.map((f) => ({ ...f, where: 'option' })),
    ...descriptor.credentialFields.map((f) => ({
      ...f,
      where: f.secret ? 'secret (keychain)' : 'option',
    })),
  ];
  const rows = fields.map((f) => [
    f.key,
    f.where,
    f.required ? 'yes' : 'no',
    f.label + (f.help ? ` — ${f.help}` : ''),
  ]);
  return [
    `${descriptor.displayName}: ${descriptor.summary}`,
    '',
    ...renderTable(['FIELD', 'KIND', 'REQUIRED', 'MEANING'], rows, { indent: '  ' }),
    '',
    'Options are given as --option KEY=VALUE. Secrets are never given on the command line:',
    'add asks for them (or reads them from standard input, one line per secret field, in the',
    'order above), checks them with the provider and stores them in the OS keychain.',
  ].join('\n');
}

/** `--option a=1 --option domains=x.com,y.com` → typed values following the descriptor's fields. */
export function parseOptionFlags(
  flags: readonly string[],
  descriptor: ProviderDescriptor,
): Record<string, OptionValue> {
  const fields = new Map(
    [...descriptor.optionFields, ...descriptor.credentialFields.filter((f) => !f.secret)].map(
      (f) => [f.key, f],
    ),
  );
  const options: Record<string, OptionValue> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option ${flag}: expected KEY=VALUE`);
    const key = flag.slice(0, eq);
    const value = flag.slice(eq + 1);
    const field = fields.get(key);
    if (!field) {
      const secret = descriptor.credentialFields.some((f) => f.key === key && f.secret);
      throw new UsageError(
        secret
          ? `--option ${key}: this is a secret; store it with \`cloudmeter secret set <id> ${key}\` (read from standard input)`
          : `--option ${key}: ${descriptor.displayName} has no option "${key}"; known: ${[...fields.keys()].join(', ') || 'none'}`,
      );
    }
    if (field.input === 'number') options[key] = Number(value);
    else if (field.input === 'multiselect') {
      const previous = options[key];
      options[key] = [
        ...(Array.isArray(previous) ? previous : []),
        ...value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      ];
    } else options[key] = value;
  }
  return options;
}

async function list(argv: string[], env: CliEnvironment): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const accounts = effectiveAccounts(config);
  if (values.json) {
    env.stdout(`${JSON.stringify(accounts, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = accounts.map((a) => {
    const descriptor = env.providers.descriptorFor(a.provider);
    const every = descriptor ? `${pollIntervalMinutes(a, descriptor)} min` : '?';
    return [a.id, a.provider, a.label, a.enabled ? 'yes' : 'no', every];
  });
  env.stdout(`${renderTable(['ID', 'PROVIDER', 'LABEL', 'ENABLED', 'POLL'], rows).join('\n')}\n`);
  if (config.accounts.length === 0) {
    env.stdout(
      `\nNo accounts in ${paths.configFile} yet; the demo is shown. Add one with: cloudmeter accounts add <provider>\n`,
    );
  }
  return EXIT.ok;
}

function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function add(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      id: { type: 'string' },
      label: { type: 'string' },
      option: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      'poll-minutes': { type: 'string' },
      disabled: { type: 'boolean', default: false },
      'no-check': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const providerArg = positionals[0];
  const provider = ProviderIdSchema.safeParse(providerArg);
  if (!provider.success)
    throw new UsageError(`accounts add: name a provider: ${PROVIDER_IDS.join(', ')}`);
  const descriptor = env.providers.descriptorFor(provider.data);
  if (!descriptor)
    throw new UsageError(`provider "${provider.data}" is not available in this version`);
  if (values.help) {
    env.stdout(`${providerHelp(descriptor)}\n`);
    return EXIT.ok;
  }
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const id = values.id ?? freeId(provider.data, new Set(config.accounts.map((a) => a.id)));
  if (config.accounts.some((a) => a.id === id))
    throw new UsageError(`an account "${id}" already exists in ${paths.configFile}`);
  const candidate = AccountSchema.safeParse({
    id,
    provider: provider.data,
    label: values.label ?? descriptor.displayName,
    options: parseOptionFlags(values.option ?? [], descriptor),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values['poll-minutes'] ? { pollIntervalMinutes: Number(values['poll-minutes']) } : {}),
    enabled: !values.disabled,
  });
  if (!candidate.success)
    throw new UsageError(
      candidate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  const next = { ...config, accounts: [...config.accounts, candidate.data] };
  const checked = validateConfig(next, env.providers.descriptorFor);
  if (!checked.ok) throw new UsageError(checked.problems.join('\n'));
  const account = checked.config.accounts.find((a) => a.id === id)!;
  const adapter = env.providers.adapterFor(provider.data)!;
  const fields = secretFields(descriptor);
  const credentials = credentialsFor(env);
  const fromKeychain = env.secretSource === 'keychain';
  // At a terminal, a locked or missing keychain is reported before anyone types a secret.
  if (fromKeychain && fields.length > 0 && env.input?.interactive)
    await credentials.status(account, descriptor);
  const given = fromKeychain ? await readSecretValues(env, id, fields, { laterHint: true }) : {};
  if (Object.keys(given).length > 0 && !env.input?.interactive)
    await credentials.status(account, descriptor);
  const nothingGiven = fromKeychain && fields.length > 0 && Object.keys(given).length === 0;
  const noCredentials = descriptor.credentialFields.length === 0;
  // The provider is asked before anything is written, so a refused key leaves no trace.
  const outcome: CredentialCheckOutcome = nothingGiven
    ? { state: 'skipped', reason: 'incomplete', missing: fields.map((f) => f.key) }
    : values['no-check'] || noCredentials
      ? { state: 'skipped', reason: 'not-requested', missing: [] }
      : await credentials.check(account, adapter, given);
  if (outcome.state === 'failed') {
    env.stderr(
      `${describeCheck(adapter, id, outcome)}\nNothing was written: neither ${paths.configFile} nor the OS keychain.\n`,
    );
    return EXIT.unknown;
  }
  const stored =
    Object.keys(given).length > 0
      ? (await credentials.set(account, adapter, given, { check: false })).stored
      : [];
  try {
    await saveConfig(env, paths, checked.config);
  } catch (error) {
    for (const field of stored) await credentials.delete(id, field).catch(() => false);
    throw error;
  }
  env.stdout(`Added account "${id}" (${descriptor.displayName}) to ${paths.configFile}\n`);
  if (stored.length > 0) env.stdout(`Stored ${stored.join(', ')} in the OS keychain.\n`);
  if (nothingGiven) {
    env.stdout(
      `Store its credentials next:\n${fields.map((f) => `  cloudmeter secret set ${id} ${f.key}`).join('\n')}\n`,
    );
  } else if (!noCredentials) env.stdout(`${describeCheck(adapter, id, outcome)}\n`);
  return EXIT.ok;
}

async function remove(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' } },
  });
  const id = positionals[0];
  if (!id) throw new UsageError('accounts remove: name the account id');
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const account = config.accounts.find((a: Account) => a.id === id);
  if (!account) throw new UsageError(`no account "${id}" in ${paths.configFile}`);
  const descriptor = env.providers.descriptorFor(account.provider);
  const hasSecrets = !descriptor || secretFields(descriptor).length > 0;
  // Secrets first: if the keychain cannot be reached, the account stays and the user can retry.
  const deleted =
    hasSecrets && env.secretSource === 'keychain' ? await credentialsFor(env).deleteAll(id) : [];
  await saveConfig(env, paths, { ...config, accounts: config.accounts.filter((a) => a.id !== id) });
  env.stdout(`Removed account "${id}" from ${paths.configFile}\n`);
  if (deleted.length > 0)
    env.stdout(`Removed its credentials (${deleted.join(', ')}) from the OS keychain.\n`);
  else if (hasSecrets && env.secretSource === 'environment')
    env.stdout('Its credentials come from environment variables; unset them yourself.\n');
  return EXIT.ok;
}

export function accountsCommand(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
      return list(rest, env);
    case 'add':
      return add(rest, env);
    case 'remove':
      return remove(rest, env);
    default:
      throw new UsageError(ACCOUNTS_HELP);
  }
}
