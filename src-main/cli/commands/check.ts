import { parseArgs } from 'node:util';
import { currentFetchRange, effectiveAccounts } from '../../core/accounts.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import { readAccount } from '../../core/read-account.ts';
import { computeSnapshot } from '../../core/snapshot.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Account } from '../../../src-shared/domain/account.ts';
import type { Config } from '../../../src-shared/domain/config.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { buildCheckReport } from '../check-report.ts';
import { UsageError, type CliEnvironment, type ExitCode } from '../cli-env.ts';
import { loadConfig, pathsFor } from '../context.ts';
import { renderUsageText } from '../format/usage-text.ts';

export const CHECK_HELP = `Usage: cloudmeter check [--config FILE] [--json] [--account ID]...

Reads every enabled account once and prints its usage against its quotas.

Options:
  --config FILE   config file (default: CLOUDMETER_CONFIG, else the platform's config folder)
  --json          print JSON that follows docs/check.schema.json
  --account ID    check only this account (repeatable)

Exit codes (monitoring-plugin convention):
  0  every quota below its warning threshold
  1  a warning threshold crossed
  2  a critical threshold crossed or a quota exceeded
  3  an account could not be read, or the config is unusable`;

const PARALLEL_ACCOUNTS = 4;

async function snapshotOf(
  env: CliEnvironment,
  config: Config,
  account: Account,
  signal: AbortSignal,
): Promise<AccountSnapshot> {
  const adapter = env.providers.adapterFor(account.provider);
  if (!adapter)
    throw new UsageError(
      `account "${account.id}": provider "${account.provider}" is not available in this version`,
    );
  const descriptor = adapter.descriptor;
  const now = env.clock.now();
  const deps = { http: env.http, clock: env.clock, secrets: env.secrets, log: silentLogger };
  const reading = await readAccount(
    deps,
    adapter,
    account,
    currentFetchRange(account, descriptor, now),
    signal,
  );
  const base = { account, descriptor, now: env.clock.now(), alerts: config.alerts };
  return reading.ok
    ? computeSnapshot({
        ...base,
        meters: reading.usage.meters,
        samples: reading.usage.samples,
        providerQuotas: reading.usage.quotas,
        providerForecasts: reading.usage.forecasts,
        notices: reading.usage.notices,
        status: { state: 'ok' },
        fetchedAt: reading.fetchedAt,
        dataAsOf: reading.usage.dataAsOf ?? null,
      })
    : computeSnapshot({
        ...base,
        meters: [],
        samples: [],
        providerQuotas: [],
        notices: [],
        status: reading.status,
        fetchedAt: null,
        dataAsOf: null,
      });
}

export async function checkCommand(argv: string[], env: CliEnvironment): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      account: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  const wanted = values.account ?? [];
  const all = effectiveAccounts(config);
  for (const id of wanted) {
    if (!all.some((a) => a.id === id))
      throw new UsageError(`no account "${id}" in ${paths.configFile}`);
  }
  const accounts = all.filter((a) => a.enabled && (wanted.length === 0 || wanted.includes(a.id)));
  const controller = new AbortController();
  const snapshots = await mapConcurrent(accounts, PARALLEL_ACCOUNTS, (account) =>
    snapshotOf(env, config, account, controller.signal),
  );
  const report = buildCheckReport(snapshots, env.clock.now());
  if (values.json) env.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (snapshots.length === 0)
    env.stdout('No enabled accounts. Add one with: cloudmeter accounts add <provider>\n');
  else {
    const name = (s: AccountSnapshot) =>
      env.providers.descriptorFor(s.provider)?.displayName ?? s.provider;
    const text = renderUsageText(snapshots, config.preferences.units, name);
    env.stdout(`${text}\nStatus: ${report.status.toUpperCase()} (exit ${report.exitCode})\n`);
  }
  return report.exitCode;
}
