import { z } from 'zod';
import { MeterIdSchema, MeterKindSchema, ScopeLevelSchema } from './meter.ts';
import { PercentSchema, SlugSchema, TimeZoneSchema } from './primitives.ts';
import { LimitUnitSchema } from './units.ts';

/** Which meters a quota applies to. Every given key must match. */
export const MeterMatchSchema = z
  .strictObject({
    meterIds: z.array(MeterIdSchema).min(1).optional(),
    kind: MeterKindSchema.optional(),
    scopeLevel: ScopeLevelSchema.optional(),
    scopeId: z.string().optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), {
    message: 'give at least one of meterIds, kind, scopeLevel, scopeId',
  });
export type MeterMatch = z.infer<typeof MeterMatchSchema>;

export const ThresholdsSchema = z
  .strictObject({
    warningPercent: PercentSchema.default(80),
    criticalPercent: PercentSchema.default(95),
  })
  .refine((t) => t.warningPercent < t.criticalPercent, {
    message: 'warningPercent must be below criticalPercent',
  });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/**
 * A billing period: the month that starts on `anchorDay` (clamped to short months) at midnight
 * in `timeZone` (the provider's billing zone when omitted).
 */
export const QuotaPeriodSchema = z.strictObject({
  anchorDay: z.number().int().min(1).max(31).default(1),
  timeZone: TimeZoneSchema.optional(),
});
export type QuotaPeriod = z.infer<typeof QuotaPeriodSchema>;

export const QuotaSchema = z.strictObject({
  id: SlugSchema,
  label: z.string().min(1).max(80).optional(),
  match: MeterMatchSchema,
  /** `each`: one quota per matching meter (IDCF: 3,240 GB per region); `pool`: their sum. */
  combine: z.enum(['each', 'pool']).default('each'),
  limit: z.strictObject({ amount: z.number().positive(), unit: LimitUnitSchema }),
  period: QuotaPeriodSchema.default({ anchorDay: 1 }),
  thresholds: ThresholdsSchema.optional(),
});
export type Quota = z.infer<typeof QuotaSchema>;
export type QuotaInput = z.input<typeof QuotaSchema>;
