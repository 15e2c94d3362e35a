import { parseArgs } from 'node:util';
import { effectiveAccounts } from '../../core/accounts.ts';
import { UsageService } from '../../core/polling/usage-service.ts';
import { systemScheduler } from '../../platform/system-scheduler.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { buildCheckReport } from '../check-report.ts';
import { UsageError, type CommandEnvironment, type ExitCode } from '../cli-env.ts';
import { loadConfig, localTimeZone, openHistoryFor, pathsFor } from '../context.ts';
import { renderUsageText } from '../format/usage-text.ts';

export const CHECK_HELP = `Usage: cloudmeter check [--config FILE] [--json] [--account ID]... [--no-store]

Reads every enabled account once and prints its usage against its quotas. The readings are
added to the usage history the app keeps (in the data folder), unless --no-store is given.

Options:
  --config FILE     config file (default: CLOUDMETER_CONFIG, else the platform's config folder)
  --data-dir DIR    history folder (default: CLOUDMETER_DATA_DIR, else the platform's data folder)
  --json            print JSON that follows docs/check.schema.json
  --account ID      check only this account (repeatable)
  --no-store        a dry look: read the providers, store nothing

Exit codes (monitoring-plugin convention):
  0  every quota below its warning threshold
  1  a warning threshold crossed, or a warning notice (e.g. a Memset connection in arrears)
  2  a critical threshold crossed or a quota exceeded
  3  an account could not be read, or the config is unusable`;

export async function checkCommand(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      account: { type: 'string', multiple: true },
      'no-store': { type: 'boolean', default: false },
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
  const store = openHistoryFor(env, paths, values['no-store'] ? 'no-store' : 'store');
  const service = new UsageService(
    {
      clock: env.clock,
      scheduler: systemScheduler, // never started: `check` polls once, now
      http: env.http,
      secrets: env.secrets,
      store,
      providers: env.providers,
      log: env.log,
      random: Math.random,
      timeZone: localTimeZone(),
      alerts: false, // the app notifies; a CLI run must not use up a notification
      backfill: false,
    },
    { ...config, accounts, preferences: { ...config.preferences, demo: 'off' } },
  );
  let snapshots: readonly AccountSnapshot[];
  try {
    snapshots = (await service.pollAllOnce()).accounts;
  } finally {
    await service.stop();
    store.close();
  }
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
