import { z } from 'zod';
import { AccountIdSchema } from '../../../src-shared/domain/account.ts';
import { ProviderErrorKindSchema } from '../../../src-shared/domain/errors.ts';
import { MeterIdSchema } from '../../../src-shared/domain/meter.ts';
import { InstantSchema, TimeZoneSchema } from '../../../src-shared/domain/primitives.ts';
import { LimitUnitSchema, MeterUnitSchema } from '../../../src-shared/domain/units.ts';

/**
 * Alert events and the alert state, as zod schemas: the state is stored as JSON between runs
 * (so a restart never re-notifies) and parsed back through `AlertStateSchema`.
 */

export const ThresholdKeySchema = z.enum(['warning', 'critical', 'reached']);
export type ThresholdKey = z.infer<typeof ThresholdKeySchema>;

/** The numbers a usage alert is about: enough to write its text in any language. */
const UsageFactsSchema = z.object({
  meterLabel: z.string(),
  unit: MeterUnitSchema,
  /** The unit the quota was written in, to say "3,240 GB" rather than "3.24 TB". */
  limitUnit: LimitUnitSchema.nullable(),
  used: z.number().finite(),
  limit: z.number().positive(),
  percentUsed: z.number().finite(),
  /** Exclusive end of the period and its zone ("by Nov 30" is the day before the end). */
  periodEnd: InstantSchema,
  periodTimeZone: TimeZoneSchema,
  /** Projected period-end percent of the quota, when there is a forecast. */
  projectedPercent: z.object({ low: z.number().finite(), high: z.number().finite() }).nullable(),
  runsOutAt: InstantSchema.nullable(),
});
export type UsageFacts = z.infer<typeof UsageFactsSchema>;

export const AlertFactsSchema = z.discriminatedUnion('kind', [
  UsageFactsSchema.extend({
    kind: z.literal('threshold'),
    threshold: ThresholdKeySchema,
    thresholdPercent: z.number().finite(),
  }),
  /** Projected to reach the quota before the period ends (at the slower of the two paces). */
  UsageFactsSchema.extend({ kind: z.literal('forecast') }),
  z.object({
    kind: z.literal('credentials'),
    errorKind: ProviderErrorKindSchema,
    message: z.string(),
  }),
  z.object({
    kind: z.literal('stale'),
    /** Last successful read; null if there never was one. */
    lastSuccessAt: InstantSchema.nullable(),
    /** First failed read of this incident. */
    failingSince: InstantSchema,
    errorKind: ProviderErrorKindSchema.nullable(),
    message: z.string().nullable(),
    /** The user's zone, for the clock time in the text. */
    timeZone: TimeZoneSchema,
  }),
]);
export type AlertFacts = z.infer<typeof AlertFactsSchema>;

export const AlertEventSchema = z.object({
  /** Unique and stable: account, meter, kind and when it was raised. */
  id: z.string().min(1),
  accountId: AccountIdSchema,
  accountLabel: z.string(),
  meterId: MeterIdSchema.nullable(),
  severity: z.enum(['warning', 'critical']),
  raisedAt: InstantSchema,
  /** After this it is no longer worth showing (a usage alert of a period that has ended). */
  expiresAt: InstantSchema.nullable(),
  facts: AlertFactsSchema,
  /** English default text, built by messages.ts from `facts`; an i18n layer may rebuild it. */
  title: z.string(),
  body: z.string(),
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

/** One rung of a meter's ladder (warning, critical, reached, forecast). */
export const MarkSchema = z.object({
  /** The percent of the quota this mark was last evaluated against. */
  percent: z.number().finite(),
  /** May fire when the value is at or above `percent`. */
  armed: z.boolean(),
  /** Start of the period it last fired in (null: not since a quota or threshold change). */
  firedInPeriod: InstantSchema.nullable(),
});
export type Mark = z.infer<typeof MarkSchema>;

export const MeterAlertStateSchema = z.object({
  periodStart: InstantSchema,
  limit: z.number().positive(),
  marks: z.object({
    warning: MarkSchema.optional(),
    critical: MarkSchema.optional(),
    reached: MarkSchema.optional(),
    forecast: MarkSchema.optional(),
  }),
});
export type MeterAlertState = z.infer<typeof MeterAlertStateSchema>;

export const FailureStateSchema = z.object({
  /** The last good read seen here (in case the snapshot of a failed poll does not carry it). */
  lastSuccessAt: InstantSchema.nullable(),
  /** First failed read of the current incident; null while healthy. */
  failingSince: InstantSchema.nullable(),
  /** First good read after failures: the incident closes once this is old enough. */
  healthySince: InstantSchema.nullable(),
  /** What this incident already notified about (each at most once per incident). */
  notified: z.array(z.enum(['credentials', 'stale'])),
});
export type FailureState = z.infer<typeof FailureStateSchema>;

export const AccountAlertStateSchema = z.object({
  /** No notifications for this account until then. */
  snoozedUntil: InstantSchema.nullable(),
  /** Keyed by the usage line's meter id (`pool:<quota id>` for pools). */
  meters: z.record(z.string(), MeterAlertStateSchema),
  failure: FailureStateSchema,
});
export type AccountAlertState = z.infer<typeof AccountAlertStateSchema>;

export const ALERT_STATE_VERSION = 1;

export const AlertStateSchema = z.object({
  version: z.literal(ALERT_STATE_VERSION),
  /** "Pause notifications" for every account until then. */
  pausedUntil: InstantSchema.nullable(),
  accounts: z.record(z.string(), AccountAlertStateSchema),
  /** Raised but not yet delivered (quiet hours): delivered when they end. */
  held: z.array(AlertEventSchema),
});
export type AlertState = z.infer<typeof AlertStateSchema>;
