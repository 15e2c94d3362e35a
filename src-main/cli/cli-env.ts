import type { Clock } from '../core/clock.ts';
import type { HttpClient } from '../core/http.ts';
import type { Logger } from '../core/logger.ts';
import type { Redactor } from '../core/redact.ts';
import type { SecretStore } from '../core/secrets.ts';
import type { SecretInput } from '../platform/secrets/terminal-input.ts';
import type { ProviderRegistry } from '../providers/index.ts';

export type { SecretInput } from '../platform/secrets/terminal-input.ts';

/**
 * Everything a CLI command touches outside itself, so that tests run commands in-process with
 * a fake clock, the fake provider servers and an in-memory keychain.
 */
export interface CliEnvironment {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
  readonly clock: Clock;
  readonly http: HttpClient;
  readonly secrets: SecretStore;
  readonly providers: ProviderRegistry;
  /** Standard input / the no-echo prompt, for secrets. Absent: no secret can be typed in. */
  readonly input?: SecretInput;
  /** Where log lines go (redacted first); none by default, stderr with CLOUDMETER_DEBUG. */
  readonly log?: Logger;
}

/**
 * What runCli hands each command: the environment with secret hygiene applied (output,
 * logs, adapters' errors and the store all pass through one redactor) and the secret source
 * the user chose.
 */
export interface CommandEnvironment extends CliEnvironment {
  readonly redactor: Redactor;
  readonly log: Logger;
  /** 'environment' with --secrets-from-env: read-only, from CLOUDMETER_SECRET_* variables. */
  readonly secretSource: 'keychain' | 'environment';
}

/** Exit codes of the monitoring-plugin convention (Nagios, Icinga, Sensu...). */
export const EXIT = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem the user must fix (bad flag, bad config): printed as is, exit 3. */
export class UsageError extends Error {
  override name = 'UsageError';
}
