import { z } from 'zod';
import { ProviderErrorKindSchema } from '../../src-shared/domain/errors.ts';
import { MeterKindSchema, ScopeSchema } from '../../src-shared/domain/meter.ts';
import { ProviderIdSchema } from '../../src-shared/domain/provider-id.ts';
import { MeterUnitSchema } from '../../src-shared/domain/units.ts';
import {
  LevelSchema,
  NoticeSchema,
  type AccountSnapshot,
  type MeterUsage,
} from '../../src-shared/domain/usage.ts';
import type { Instant } from '../../src-shared/domain/primitives.ts';
import { isoWithOffset } from '../core/time/zoned.ts';
import { EXIT, type ExitCode } from './cli-env.ts';

/**
 * The JSON that `cloudmeter check --json` prints: a published contract for scripts and
 * monitoring (docs/check.schema.json is generated from this schema). Times are ISO 8601 with
 * an offset; amounts are in the meter's unit (bytes, or the currency's main unit).
 */
const IsoTimestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset');

export const CheckReportSchema = z
  .object({
    generatedAt: IsoTimestamp,
    status: z.enum(['ok', 'warning', 'critical', 'unknown']),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    accounts: z.array(
      z.object({
        id: z.string(),
        provider: ProviderIdSchema,
        label: z.string(),
        demo: z.boolean(),
        state: z.enum(['ok', 'pending', 'stale', 'error', 'needs-credentials', 'disabled']),
        error: z.object({ kind: ProviderErrorKindSchema, message: z.string() }).nullable(),
        missingCredentials: z.array(z.string()),
        fetchedAt: IsoTimestamp.nullable(),
        dataAsOf: IsoTimestamp.nullable(),
        meters: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            kind: MeterKindSchema,
            unit: MeterUnitSchema,
            scope: ScopeSchema,
            members: z.array(z.string()),
            period: z.object({ start: IsoTimestamp, end: IsoTimestamp, timeZone: z.string() }),
            used: z.number(),
            peak: z.number().nullable(),
            quota: z.number().nullable(),
            quotaSource: z.enum(['user', 'provider', 'default']).nullable(),
            percentUsed: z.number().nullable(),
            remaining: z.number().nullable(),
            level: LevelSchema,
            forecast: z
              .object({
                low: z.number(),
                high: z.number(),
                basis: z.enum(['trend', 'provider']),
                runsOutAt: IsoTimestamp.nullable(),
              })
              .nullable(),
            dailyBudget: z.number().nullable(),
          }),
        ),
        notices: z.array(NoticeSchema),
      }),
    ),
  })
  .describe('Output of `cloudmeter check --json`');
export type CheckReport = z.infer<typeof CheckReportSchema>;

const STATUS_BY_EXIT = { 0: 'ok', 1: 'warning', 2: 'critical', 3: 'unknown' } as const;

/**
 * Monitoring-plugin exit code for a set of accounts. Severity: a critical or exceeded quota
 * (2) outranks an unreadable account (3), which outranks a warning (1): a quota at its
 * warning level, or a warning notice (a Memset connection in arrears, a quota that could
 * not be applied), which needs the user even when every figure is fine.
 */
export function exitCodeFor(snapshots: readonly AccountSnapshot[]): ExitCode {
  const levels = snapshots.flatMap((s) => s.meters.map((m) => m.level));
  if (levels.some((l) => l === 'critical' || l === 'exceeded')) return EXIT.critical;
  if (snapshots.some((s) => s.status.state !== 'ok' && s.status.state !== 'disabled'))
    return EXIT.unknown;
  if (levels.includes('warning')) return EXIT.warning;
  if (snapshots.some((s) => s.notices.some((n) => n.level === 'warning'))) return EXIT.warning;
  return EXIT.ok;
}

function iso(at: Instant | null, timeZone = 'UTC'): string | null {
  return at === null ? null : isoWithOffset(at, timeZone);
}

function meterReport(usage: MeterUsage) {
  const zone = usage.period.timeZone;
  return {
    id: usage.meter.id,
    label: usage.meter.label,
    kind: usage.meter.kind,
    unit: usage.meter.unit,
    scope: usage.meter.scope,
    members: [...usage.memberMeterIds],
    period: {
      start: iso(usage.period.start, zone)!,
      end: iso(usage.period.end, zone)!,
      timeZone: zone,
    },
    used: usage.used,
    peak: usage.peak,
    quota: usage.quota?.limit ?? null,
    quotaSource: usage.quota?.source ?? null,
    percentUsed: usage.percentUsed,
    remaining: usage.remaining,
    level: usage.level,
    forecast: usage.forecast && {
      ...usage.forecast,
      runsOutAt: iso(usage.forecast.runsOutAt, zone),
    },
    dailyBudget: usage.dailyBudget,
  };
}

export function buildCheckReport(snapshots: readonly AccountSnapshot[], now: Instant): CheckReport {
  const exitCode = exitCodeFor(snapshots);
  return {
    generatedAt: iso(now)!,
    status: STATUS_BY_EXIT[exitCode],
    exitCode,
    accounts: snapshots.map((s) => ({
      id: s.accountId,
      provider: s.provider,
      label: s.label,
      demo: s.demo,
      state: s.status.state,
      error: s.status.state === 'error' ? { kind: s.status.kind, message: s.status.message } : null,
      missingCredentials: s.status.state === 'needs-credentials' ? [...s.status.missing] : [],
      fetchedAt: iso(s.fetchedAt),
      dataAsOf: iso(s.dataAsOf),
      meters: s.meters.map(meterReport),
      notices: [...s.notices],
    })),
  };
}
