import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { ConfigFileError } from '../platform/config-file.ts';
import { createHttpClient } from '../platform/http/undici-http-client.ts';
import { createKeytarSecretStore } from '../platform/secrets/keytar-secret-store.ts';
import { systemClock } from '../platform/system-clock.ts';
import { providerRegistry } from '../providers/index.ts';
import { EXIT, UsageError, type CliEnvironment } from './cli-env.ts';
import { ACCOUNTS_HELP, accountsCommand } from './commands/accounts.ts';
import { CHECK_HELP, checkCommand } from './commands/check.ts';

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

Run \`cloudmeter <command> --help\` for a command's options.

Options:
  --help     show this help
  --version  show the version

Files: the config file is CLOUDMETER_CONFIG or --config, else the platform's config folder
(Linux: ~/.config/cloudmeter/config.json). Secrets are kept only in the OS keychain.`;

const COMMANDS: Record<
  string,
  { help: string; run: (argv: string[], env: CliEnvironment) => Promise<number> }
> = {
  check: { help: CHECK_HELP, run: checkCommand },
  accounts: { help: ACCOUNTS_HELP, run: accountsCommand },
};

function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const [name, ...rest] = argv;
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
  try {
    return await command.run([...rest], env);
  } catch (error) {
    if (
      error instanceof ConfigFileError ||
      error instanceof UsageError ||
      isParseArgsError(error)
    ) {
      env.stderr(`${error.message}\n`);
    } else {
      env.stderr(
        `cloudmeter: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (env.env.CLOUDMETER_DEBUG && error instanceof Error) env.stderr(`${error.stack}\n`);
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
      secrets: createKeytarSecretStore(),
      providers: providerRegistry,
    });
  } finally {
    await http.close();
  }
}
