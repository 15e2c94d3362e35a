import { z } from 'zod';
import { ScopeSchema } from './meter.ts';
import { InstantSchema } from './primitives.ts';

/** The windows a provider can report recent throughput for (Memset's bandwidth.usage periods). */
export const ThroughputWindowSchema = z.enum([
  'day',
  'week',
  'month',
  'quarter',
  'halfyear',
  'year',
]);
export type ThroughputWindow = z.infer<typeof ThroughputWindowSchema>;

/** Bits per second in and out over time, for the account view's rate chart. */
export const ThroughputSeriesSchema = z.object({
  scope: ScopeSchema,
  window: ThroughputWindowSchema,
  points: z.array(
    z.object({ at: InstantSchema, inBps: z.number().finite(), outBps: z.number().finite() }),
  ),
});
export type ThroughputSeries = z.infer<typeof ThroughputSeriesSchema>;
