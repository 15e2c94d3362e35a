import { z } from 'zod';

/**
 * Zod schemas of the Memset API's raw answers (https://www.memset.com/apidocs/). Numbers are
 * documented as Float but a JSON number or a numeric string is accepted alike; anything else
 * fails naming the field, so a changed answer becomes `bad-response`, never a silent zero.
 */
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export const MemsetNumber = z.preprocess(
  (value) => (typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value),
  z.number().finite(),
);
/** Optional keys may be absent or null; both read as undefined. */
const OptionalNumber = MemsetNumber.nullish().transform((v) => v ?? undefined);

const ByteCounts = z.object({ bytes_in: MemsetNumber, bytes_out: MemsetNumber });

/**
 * `ips`: documented as a list of `{ "<ip_address>": { bytes_in, bytes_out } }` for the current
 * day. A single dict keyed by address is accepted too, and read the same way.
 */
const IpsSchema = z.union([
  z.array(z.record(z.string(), ByteCounts)),
  z.record(z.string(), ByteCounts),
]);

/** One service type's entry of `bandwidth.info`. Optional keys depend on the connection type. */
export const BandwidthEntrySchema = z.object({
  bytes_in: MemsetNumber,
  bytes_out: MemsetNumber,
  daily_rate: OptionalNumber,
  predicted: OptionalNumber,
  connection_type: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  max_burst: OptionalNumber,
  remaining: OptionalNumber,
  inclusive_transfer: OptionalNumber,
  bandwidth_bank: OptionalNumber,
  contention: OptionalNumber,
  ips: IpsSchema.nullish().transform((v) => v ?? undefined),
});
export type BandwidthEntry = z.infer<typeof BandwidthEntrySchema>;

/** `bandwidth.info(name)`: a dict keyed by service_type (key strings never hard-coded). */
export const BandwidthInfoSchema = z.record(z.string(), BandwidthEntrySchema);
export type BandwidthInfo = z.infer<typeof BandwidthInfoSchema>;

/** `yyyy-mm` (documented) or an ISO date of that month (`yyyy-mm-dd`, tolerated). */
const MonthDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'expected a month as yyyy-mm')
  .transform((text) => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) }));

/** `bandwidth.monthly_usage(name, year)`: service_type → list of month totals. */
export const MonthlyUsageSchema = z.record(
  z.string(),
  z.array(z.object({ date: MonthDate, bytes_in: MemsetNumber, bytes_out: MemsetNumber })),
);
export type MonthlyUsage = z.infer<typeof MonthlyUsageSchema>;

const Rates = z.object({ bps_in: MemsetNumber, bps_out: MemsetNumber });

/**
 * `bandwidth.usage(name, period)`: service_type → list of `{date, bps_in, bps_out}`. The shape
 * is INFERRED from the method's description: a dict keyed by date is accepted too, and the
 * date may be a date, a date-time or epoch seconds (read by the mapper).
 */
export const ThroughputAnswerSchema = z.record(
  z.string(),
  z.union([
    z.array(Rates.extend({ date: z.union([z.string(), z.number()]) })),
    z.record(z.string(), Rates),
  ]),
);
export type ThroughputAnswer = z.infer<typeof ThroughputAnswerSchema>;

/** `memstore.usage(name)`: stored bytes now; the bandwidth figures in it cover 24 hours. */
export const MemstoreUsageSchema = z.object({
  bytes: MemsetNumber,
  containers: OptionalNumber,
  objects: OptionalNumber,
});
export type MemstoreUsage = z.infer<typeof MemstoreUsageSchema>;

/** `server.list` (VERIFIED: name, type) and `service.list` (INFERRED: the same fields). */
export const ServiceListSchema = z.array(
  z.object({
    name: z.string().min(1),
    type: z.string().nullish(),
    nickname: z.string().nullish(),
    status: z.string().nullish(),
  }),
);
export type ServiceList = z.infer<typeof ServiceListSchema>;

/** The error body of a 4xx/5xx: `{error_type, error_code, error}` (VERIFIED example). */
export const ErrorBodySchema = z.object({
  error_type: z.string().optional(),
  error_code: z.unknown().optional(),
  error: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
