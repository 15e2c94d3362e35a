import { parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { EXPORT_FORMATS, exportChunks, type ExportFormat } from '../../core/export.ts';
import { UsageError, type CommandEnvironment, type ExitCode } from '../cli-env.ts';
import { loadConfig, localTimeZone, openHistoryFor, pathsFor } from '../context.ts';
import { EXIT } from '../cli-env.ts';
import { writeChunks } from '../../platform/files/export-file.ts';

export const EXPORT_HELP = `Usage: cloudmeter export [--format csv|json] [--account ID]... [--from WHEN] [--to WHEN]
                         [--output FILE] [--config FILE] [--data-dir DIR]

Writes the stored usage history, one row per sample: account, provider, meter, label, series,
unit, timestamp (ISO 8601 with the provider's offset) and value (bytes, or money in the unit's
currency). "series" says how to read the value: delta (used in the interval starting at the
timestamp), cumulative (used since the provider's monthly reset) or gauge (a level).

Options:
  --format csv|json   default csv
  --account ID        only this account (repeatable)
  --from WHEN         from this moment: 2026-11-01 (midnight, your time zone) or an ISO date-time
  --to WHEN           up to this moment (exclusive), same forms
  --output FILE       write to FILE instead of standard output`;

/** `2026-11-01` (local midnight) or a full ISO date-time with offset → epoch milliseconds. */
export function parseWhen(text: string, timeZone: string, flag: string): number {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return Temporal.PlainDate.from(text).toZonedDateTime({ timeZone }).epochMilliseconds;
    }
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    throw new UsageError(
      `${flag} ${text}: give a date (2026-11-01) or an ISO date-time with offset (2026-11-01T09:00:00+09:00)`,
    );
  }
}

export async function exportCommand(argv: string[], env: CommandEnvironment): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      format: { type: 'string', default: 'csv' },
      account: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      output: { type: 'string' },
    },
    strict: true,
  });
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format ${values.format}: choose ${EXPORT_FORMATS.join(' or ')}`);
  }
  const paths = pathsFor(env, values);
  const config = await loadConfig(env, paths);
  for (const id of values.account ?? []) {
    if (!config.accounts.some((a) => a.id === id) && id !== 'demo')
      throw new UsageError(`no account "${id}" in ${paths.configFile}`);
  }
  const zone = localTimeZone();
  const filter = {
    ...(values.account ? { accountIds: values.account } : {}),
    ...(values.from ? { from: parseWhen(values.from, zone, '--from') } : {}),
    ...(values.to ? { to: parseWhen(values.to, zone, '--to') } : {}),
  };
  const store = openHistoryFor(env, paths, 'read');
  try {
    const chunks = exportChunks(store.exportSamples(filter), values.format as ExportFormat);
    if (!values.output) {
      for (const chunk of chunks) env.stdout(chunk);
      return EXIT.ok;
    }
    await writeChunks(values.output, chunks);
    env.stderr(`wrote ${values.output}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}
