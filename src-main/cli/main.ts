import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import { CredentialInputError } from '../core/credentials.ts';
import { silentLogger } from '../core/logger.ts';
import {
  redactingAdapter,
  redactingLogger,
  redactingSecretStore,
  Redactor,
} from '../core/redact.ts';
import { isSecretStoreError } from '../core/secrets.ts';
import { ConfigFileError } from '../platform/config-file.ts';
import { createHttpClient } from '../platform/http/undici-http-client.ts';
import { createRedactingLogger } from '../platform/log/redacting-logger.ts';
import { createEnvSecretStore } from '../platform/secrets/env-secret-store.ts';
import { createKeytarSecretStore } from '../platform/secrets/keytar-secret-store.ts';
import { processSecretInput, SecretInputError } from '../platform/secrets/terminal-input.ts';
import { HistoryUnavailableError } from '../platform/storage/index.ts';
import { systemClock } from '../platform/system-clock.ts';
import { createRegistry, providerRegistry } from '../providers/index.ts';
import { EXIT, UsageError, type CliEnvironment, type CommandEnvironment } from './cli-env.ts';
import { ACCOUNTS_HELP, accountsCommand } from './commands/accounts.ts';
import { CHECK_HELP, checkCommand } from './commands/check.ts';
import { EXPORT_HELP, exportCommand } from './commands/export.ts';
import { SECRET_HELP, secretCommand } from './commands/secret.ts';

export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export const MAIN_HELP = `cloudmeter — cloud, VPS and CDN usage against this month's quotas

Usage: cloudmeter <command> [options]

Commands:
  check      read every enabled account once and print usage against quotas
  accounts   list, add or remove accounts
  secret     store, remove or show the state of an account's credentials (OS keychain)
  export     write the stored usage history as CSV or JSON

Run \`cloudmeter <command> --help\` for a command's options.

Options:
  --help              show this help
  --version           show the version
  --secrets-from-env  read credentials from CLOUDMETER_SECRET_<ACCOUNT>_<FIELD> environment
                      variables instead of the OS keychain (headless servers, cron); read-only

Files: the config file is CLOUDMETER_CONFIG or --config, else the platform's config folder
(Linux: ~/.config/cloudmeter/config.json). Secrets are kept only in the OS keychain
(docs/keychain.md).`;

const COMMANDS: Record<
  string,
  { help: string; run: (argv: string[], env: CommandEnvironment) => Promise<number> }
> = {
  check: { help: CHECK_HELP, run: checkCommand },
  accounts: { help: ACCOUNTS_HELP, run: accountsCommand },
  secret: { help: SECRET_HELP, run: secretCommand },
  export: { help: EXPORT_HELP, run: exportCommand },
};

const SECRETS_FROM_ENV = '--secrets-from-env';

/**
 * Secret hygiene for one invocation: every secret that passes through (read from the store,
 * typed in, handed to an adapter) is registered with one redactor, and everything written
 * (standard output and error, log lines, adapters' errors) goes through it.
 */
function commandEnvironment(env: CliEnvironment, fromEnv: boolean): CommandEnvironment {
  const redactor = new Redactor();
  const debug = env.env.CLOUDMETER_DEBUG ? env.stderr : null;
  const log = env.log
    ? redactingLogger(env.log, redactor)
    : debug
      ? createRedactingLogger({ redactor, write: debug, minLevel: 'debug' })
      : silentLogger;
  return {
    ...env,
    stdout: (text) => env.stdout(redactor.redact(text)),
    stderr: (text) => env.stderr(redactor.redact(text)),
    secrets: redactingSecretStore(fromEnv ? createEnvSecretStore(env.env) : env.secrets, redactor),
    providers: createRegistry(env.providers.adapters.map((a) => redactingAdapter(a, redactor))),
    redactor,
    log,
    secretSource: fromEnv ? 'environment' : 'keychain',
  };
}

/** Errors whose message is written for the user: printed as they are, without a stack. */
function isUserFacing(error: unknown): error is Error {
  return (
    error instanceof ConfigFileError ||
    error instanceof UsageError ||
    error instanceof CredentialInputError ||
    error instanceof SecretInputError ||
    error instanceof HistoryUnavailableError ||
    isSecretStoreError(error)
  );
}

function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** After a bad flag: the command's usage lines (its help up to the first blank line). */
function usageHint(name: string, help: string): string {
  const usage = help.split('\n\n')[0]!;
  return `${usage}\nRun \`cloudmeter ${name} --help\` for the options.`;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const fromEnv = argv.includes(SECRETS_FROM_ENV);
  const [name, ...rest] = argv.filter((arg) => arg !== SECRETS_FROM_ENV);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    env.stdout(`${topic?.help ?? MAIN_HELP}\n`);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    env.stdout(`${cliVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    env.stderr(`cloudmeter: unknown command "${name}"\n\n${MAIN_HELP}\n`);
    return EXIT.unknown;
  }
  if (rest.includes('--help') && !(name === 'accounts' && rest[0] === 'add')) {
    env.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  const scoped = commandEnvironment(env, fromEnv);
  if (fromEnv)
    scoped.stderr(
      'cloudmeter: credentials are read from CLOUDMETER_SECRET_<ACCOUNT>_<FIELD> environment variables, not from the OS keychain (--secrets-from-env)\n',
    );
  try {
    return await command.run([...rest], scoped);
  } catch (error) {
    if (isParseArgsError(error)) {
      scoped.stderr(`cloudmeter: ${error.message}\n${usageHint(name, command.help)}\n`);
    } else if (isUserFacing(error)) {
      scoped.stderr(`${error.message}\n`);
    } else {
      scoped.stderr(
        `cloudmeter: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (env.env.CLOUDMETER_DEBUG && error instanceof Error) scoped.stderr(`${error.stack}\n`);
    }
    return EXIT.unknown;
  }
}

/** The real process: real clock, network, keychain. */
export async function main(argv: readonly string[]): Promise<number> {
  const http = createHttpClient({ userAgent: `Cloudmeter/${cliVersion()} (cli)` });
  try {
    return await runCli(argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      platform: process.platform,
      homedir: homedir(),
      clock: systemClock,
      http,
      // A locked keyring: ask for the unlock dialog only when a person is there to answer it.
      secrets: createKeytarSecretStore({ unlock: isatty(0) ? 'prompt' : 'never' }),
      providers: providerRegistry,
      input: processSecretInput(),
    });
  } finally {
    await http.close();
  }
}
