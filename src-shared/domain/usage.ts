import { z } from 'zod';
import { AccountIdSchema } from './account.ts';
import { ProviderErrorKindSchema } from './errors.ts';
import { MeterIdSchema, MeterSchema, SampleSchema } from './meter.ts';
import { InstantSchema, TimeZoneSchema } from './primitives.ts';
import { ProviderIdSchema } from './provider-id.ts';
import { ThresholdsSchema } from './quota.ts';
import { LimitUnitSchema } from './units.ts';

/** A quota the provider states itself (Memset inclusive transfer + bandwidth bank), in meter units. */
export const ProviderQuotaSchema = z.object({
  meterIds: z.array(MeterIdSchema).min(1),
  limit: z.number().positive(),
  label: z.string().optional(),
});
export type ProviderQuota = z.infer<typeof ProviderQuotaSchema>;

/** A period-end projection the provider makes itself (Memset `predicted`), in meter units. */
export const ProviderForecastSchema = z.object({
  meterId: MeterIdSchema,
  periodEndValue: z.number().finite(),
});
export type ProviderForecast = z.infer<typeof ProviderForecastSchema>;

/** Something the user should know that is not an error: "connection is in arrears". */
export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning']),
  message: z.string().min(1),
  meterId: MeterIdSchema.optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** What an adapter's fetchUsage returns: normalized, validated, in bytes or money. */
export const ProviderUsageSchema = z.object({
  meters: z.array(MeterSchema),
  samples: z.array(SampleSchema),
  quotas: z.array(ProviderQuotaSchema).default([]),
  forecasts: z.array(ProviderForecastSchema).default([]),
  notices: z.array(NoticeSchema).default([]),
  /** The provider's own "complete up to" time for this answer, when it states one. */
  dataAsOf: InstantSchema.optional(),
});
export type ProviderUsage = z.infer<typeof ProviderUsageSchema>;
export type ProviderUsageInput = z.input<typeof ProviderUsageSchema>;

export const PeriodSchema = z.object({
  start: InstantSchema,
  /** Exclusive. */
  end: InstantSchema,
  timeZone: TimeZoneSchema,
});
export type Period = z.infer<typeof PeriodSchema>;

/** Where a meter stands against its thresholds; `none` when it has no quota. */
export const LevelSchema = z.enum(['none', 'ok', 'warning', 'critical', 'exceeded']);
export type Level = z.infer<typeof LevelSchema>;

/**
 * Where a line is heading by the end of its period. Absent until max(3 % of the period, 24 h)
 * of data exists. Counters (transfer, cost): `trend` is the range between the straight line of
 * the period-to-date pace and the trailing 7-day pace. Gauges (storage): the level the trend
 * of the level reaches by the period's end. `provider`: the provider's own projection.
 */
export const ForecastSchema = z.object({
  /** Projected period-end value range, in meter units (gauges: the level at period end). */
  low: z.number().finite(),
  high: z.number().finite(),
  basis: z.enum(['trend', 'provider']),
  /**
   * When the quota is projected to be reached at the faster pace; null if not this period,
   * or if it already was (the level says "exceeded").
   */
  runsOutAt: InstantSchema.nullable(),
});
export type Forecast = z.infer<typeof ForecastSchema>;

export const QuotaRefSchema = z.object({
  limit: z.number().positive(),
  source: z.enum(['user', 'provider', 'default']),
  quotaId: z.string().nullable(),
  /** The unit the quota was written in, for display ("3,240 GB", not "3.24 TB"). */
  unit: LimitUnitSchema.optional(),
});

/** One line of an account's usage: a meter, or a pool of meters under one quota. */
export const MeterUsageSchema = z.object({
  meter: MeterSchema,
  /** Meters summed into this line (just the meter itself unless pooled). */
  memberMeterIds: z.array(MeterIdSchema).min(1),
  period: PeriodSchema,
  /** Period-to-date amount; for gauges, the latest level. */
  used: z.number().finite(),
  /** Gauges: the highest level in the period. */
  peak: z.number().finite().nullable(),
  quota: QuotaRefSchema.nullable(),
  percentUsed: z.number().finite().nullable(),
  /** Limit − used; negative once the quota is exceeded (by how much). */
  remaining: z.number().finite().nullable(),
  level: LevelSchema,
  /**
   * The warning and critical percents `level` was judged by (per meter, else the quota's,
   * else the account's, else the global ones). Always set by computeSnapshot; optional only
   * so that snapshots written before it existed still parse.
   */
  thresholds: ThresholdsSchema.optional(),
  forecast: ForecastSchema.nullable(),
  /**
   * What can still be used per day without exceeding the quota: remaining ÷ calendar days
   * left, today included. Needs no trend, so it is there from the period's first hour; null
   * without a quota and for gauges (a level has no daily amount).
   */
  dailyBudget: z.number().finite().nullable(),
  /** Usage per day of the period (gauges: level per day), for charts. */
  daily: z.array(z.object({ at: InstantSchema, value: z.number().finite() })),
});
export type MeterUsage = z.infer<typeof MeterUsageSchema>;

export const AccountStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('stale'), since: InstantSchema, message: z.string() }),
  z.object({
    state: z.literal('error'),
    kind: ProviderErrorKindSchema,
    message: z.string(),
    retryAt: InstantSchema.nullable(),
  }),
  z.object({ state: z.literal('needs-credentials'), missing: z.array(z.string()) }),
  z.object({ state: z.literal('disabled') }),
]);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const AccountSnapshotSchema = z.object({
  accountId: AccountIdSchema,
  provider: ProviderIdSchema,
  label: z.string(),
  demo: z.boolean(),
  status: AccountStatusSchema,
  /** When Cloudmeter last read the provider successfully. */
  fetchedAt: InstantSchema.nullable(),
  /** The provider's own "data complete up to" time, if known; else fetchedAt. */
  dataAsOf: InstantSchema.nullable(),
  meters: z.array(MeterUsageSchema),
  notices: z.array(NoticeSchema),
});
export type AccountSnapshot = z.infer<typeof AccountSnapshotSchema>;
