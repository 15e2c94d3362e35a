import { z } from 'zod';

/**
 * zod schemas of CDNetworks' raw answers. Numbers arrive as strings ("2135", "34099.92") and
 * are parsed here; anything else becomes a `bad-response` naming the field.
 */

/** `{code, message}`: the body of every non-2xx answer, and the seed's HTTP-200 envelope. */
export const CncErrorBodySchema = z.looseObject({
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
});

/** A non-negative decimal sent as a string (tolerating a bare JSON number). */
const decimalString = (what: string) =>
  z
    .preprocess(
      (value) => (typeof value === 'number' ? String(value) : value),
      z.string().regex(/^\d+(\.\d+)?$/, `expected ${what} as a decimal string, such as "2135"`),
    )
    .transform(Number);

/** `yyyy-MM-dd` (seed) or `yyyy-MM-dd HH:mm` (SDK model). */
const UsageTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}( ([01]\d|2[0-3]):[0-5]\d)?$/,
    'expected "yyyy-MM-dd" or "yyyy-MM-dd HH:mm"',
  );

export const UsageRowSchema = z.object({
  timestamp: UsageTimestamp,
  usage: decimalString('bytes'),
});
export type UsageRow = z.infer<typeof UsageRowSchema>;

const UsageRows = z.array(UsageRowSchema);
const SdkUsageSchema = z.object({ domain: z.string().optional(), usage: UsageRows });
const SeedUsageSchema = z.object({
  data: z.unknown().transform((data, ctx) => {
    const rows = Array.isArray(data)
      ? checked(UsageRows, data, ctx)
      : checked(SdkUsageSchema, data, ctx)?.usage;
    return rows ?? z.NEVER;
  }),
});

/**
 * Parses with a schema picked by the caller, reporting its issues under `prefix` so that the
 * message names the real field (`data[2].usage`); null when invalid.
 */
function checked<S extends z.ZodType>(
  schema: S,
  value: unknown,
  ctx: z.RefinementCtx,
  prefix: PropertyKey[] = [],
): z.output<S> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: [...prefix, ...issue.path] });
  }
  return null;
}

/**
 * POST /api/domain-usage. Two shapes are documented and both are accepted: the seed page's
 * `{code:"0", message, data:[{timestamp, usage}]}` and the SDK model's
 * `{domain, usage:[{timestamp, usage}]}` (and, tolerated, `data:{domain, usage}`). An error
 * `code` is caught before this (classify). A union would report "Invalid input" at the top;
 * picking the shape by its key names the broken field instead.
 */
export const DomainUsageSchema = z.unknown().transform((raw, ctx): UsageRow[] => {
  const wrapped = raw !== null && typeof raw === 'object' && 'data' in raw;
  const rows = wrapped
    ? checked(SeedUsageSchema, raw, ctx)?.data
    : checked(SdkUsageSchema, raw, ctx)?.usage;
  return rows ?? z.NEVER;
});

/** GET /api/domain (QueryApiDomainListService). Only the fields Cloudmeter shows are required. */
export const DomainListSchema = z.object({
  'domain-list': z.array(
    z.object({
      'domain-name': z.string().min(1),
      'service-type': z.string().optional(),
      status: z.string().optional(),
    }),
  ),
});

/**
 * POST /api/report/domaintraffic (QueryTotalTrafficForMultiDomains). With granularity=daily
 * each slice is `yyyy-MM-dd` and holds that whole day; traffic is MB with two decimals.
 */
export const DomainTrafficSchema = z.object({
  totalTraffic: decimalString('MB').optional(),
  dataSeries: z.array(
    z.object({
      timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a daily slice "yyyy-MM-dd"'),
      traffic: decimalString('MB'),
    }),
  ),
});
export type DomainTraffic = z.infer<typeof DomainTrafficSchema>;
