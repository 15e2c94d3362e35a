import { z } from 'zod';
import { InstantSchema, TimeZoneSchema } from './primitives.ts';
import { MeterUnitSchema } from './units.ts';

/** What is measured. */
export const MeterKindSchema = z.enum([
  'transfer-in',
  'transfer-out',
  'transfer-total',
  'storage',
  'cost',
]);
export type MeterKind = z.infer<typeof MeterKindSchema>;

/** Where it is measured: the whole account, or one region, zone, domain, server... */
export const ScopeLevelSchema = z.enum([
  'account',
  'region',
  'zone',
  'service',
  'domain',
  'resource',
]);
export type ScopeLevel = z.infer<typeof ScopeLevelSchema>;

export const ScopeSchema = z.object({
  level: ScopeLevelSchema,
  /** Provider's id of the scope: region name, domain, EIP id, server name; "" for the account. */
  id: z.string(),
  label: z.string().optional(),
});
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * How a meter's samples are to be read:
 * - `delta`: the amount used during the interval that starts at `at` (one `resolution` long);
 *   a period's usage is the sum of its deltas (SurferCloud daily GB, CDN daily traffic).
 * - `cumulative`: the amount used since the provider's own reset (`resetsMonthly` in
 *   `timeZone`) up to `at` (IDCF month-to-date, Memset bytes this month, Seeweb cost so far).
 * - `gauge`: a level at `at`, not an amount used (CDNetworks Local Storage bytes).
 */
export const SeriesKindSchema = z.enum(['delta', 'cumulative', 'gauge']);
export type SeriesKind = z.infer<typeof SeriesKindSchema>;

export const ResolutionSchema = z.enum(['hour', 'day', 'month']);
export type Resolution = z.infer<typeof ResolutionSchema>;

export const MeterIdSchema = z.string().min(1).max(200);

export const MeterSchema = z.object({
  /** Stable within its account, e.g. `transfer-total:jp-east`. Samples refer to it. */
  id: MeterIdSchema,
  /** For people: "jp-east transfer (in + out)". */
  label: z.string().min(1),
  kind: MeterKindSchema,
  unit: MeterUnitSchema,
  scope: ScopeSchema,
  series: SeriesKindSchema,
  /** Length of one delta interval, or the granularity of a gauge. */
  resolution: ResolutionSchema,
  /** The provider's day and month boundaries for this meter. */
  timeZone: TimeZoneSchema,
  /**
   * Set when this meter breaks down traffic another meter of the account already counts
   * (Memset's per-IP lines of a service): quotas that select meters by kind or scope leave it
   * out, so nothing is counted twice; a quota can still name it in `meterIds`.
   */
  breakdownOf: MeterIdSchema.optional(),
  /** Extra facts shown next to the meter (Memset contention, max burst...). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type Meter = z.infer<typeof MeterSchema>;

export function isGauge(meter: Pick<Meter, 'series'>): boolean {
  return meter.series === 'gauge';
}

export const SampleSchema = z.object({
  meterId: MeterIdSchema,
  /** Start of the delta interval, or the moment of a cumulative reading or gauge level. */
  at: InstantSchema,
  /** Bytes or money, in the meter's unit. Costs may be negative (coupons). */
  value: z.number().finite(),
  /** When the provider says its figures were last complete, if it says so. */
  dataAsOf: InstantSchema.optional(),
  /** Overrides the meter's resolution for this sample (old hourly history compacted to days). */
  resolution: ResolutionSchema.optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

/**
 * A meter's samples as parallel arrays, oldest first: how long series cross IPC. Hundreds of
 * thousands of small objects are slow to clone and to read in the renderer; three arrays are not.
 */
export const SampleRunSchema = z
  .object({
    meterId: MeterIdSchema,
    at: z.array(InstantSchema),
    value: z.array(z.number().finite()),
    /** Per sample; null where the meter's own resolution applies. */
    resolution: z.array(ResolutionSchema.nullable()),
  })
  .refine((run) => run.value.length === run.at.length && run.resolution.length === run.at.length, {
    message: 'at, value and resolution must have the same length',
  });
export type SampleRun = z.infer<typeof SampleRunSchema>;

/** Samples (in any order, of any meters) as one run per meter, each in time order. */
export function toSampleRuns(samples: readonly Sample[]): SampleRun[] {
  const byMeter = new Map<string, Sample[]>();
  for (const sample of samples) {
    const own = byMeter.get(sample.meterId);
    if (own) own.push(sample);
    else byMeter.set(sample.meterId, [sample]);
  }
  return [...byMeter].map(([meterId, own]) => {
    own.sort((a, b) => a.at - b.at);
    return {
      meterId,
      at: own.map((s) => s.at),
      value: own.map((s) => s.value),
      resolution: own.map((s) => s.resolution ?? null),
    };
  });
}
