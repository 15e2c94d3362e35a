import type { Clock } from '../core/clock.ts';
import type { HttpClient } from '../core/http.ts';
import type { SecretStore } from '../core/secrets.ts';
import type { ProviderRegistry } from '../providers/index.ts';

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
}

/** Exit codes of the monitoring-plugin convention (Nagios, Icinga, Sensu...). */
export const EXIT = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem the user must fix (bad flag, bad config): printed as is, exit 3. */
export class UsageError extends Error {
  override name = 'UsageError';
}
