import { z } from 'zod';

/**
 * zod schemas of the raw Seeweb ECS API answers (https://docs.seeweb.it, "Billing"/"Consumi",
 * and the official Go client). Only what Cloudmeter reads is required; everything else is
 * optional so that Seeweb adding or dropping a descriptive field does not break a poll.
 */

/** A decimal that may arrive as a number or as a numeric string (the API is not consistent). */
const NUMERIC_STRING = /^\s*-?\d+(\.\d+)?\s*$/;
export const Numeric = z
  .union([z.number(), z.string().regex(NUMERIC_STRING).transform(Number)], {
    error: (issue) =>
      issue.input === undefined
        ? 'missing'
        : `expected a number, got ${JSON.stringify(issue.input)?.slice(0, 40)}`,
  })
  .pipe(z.number().finite());

/** Euro amounts: the same tolerance, named for the messages. */
export const Money = Numeric;

/** A row's year or month: a whole number, as a number or a numeric string like the others. */
const WholeNumber = Numeric.pipe(z.number().int());

const Text = z.string().nullish();

/** One reserved-plan discount line of a server's month (prices after the discount). */
export const ReservedDiscountSchema = z.object({
  reserved_plan: z.union([z.number(), z.string()]).nullish(),
  reserved_hour: Numeric.nullish(),
  reserved_discount: Numeric.nullish(),
  reserved_price: Money,
  reserved_reduction: Money.nullish(),
  reserved_start_date: Text,
  reserved_end_date: Text,
});

export const ServerBillingRowSchema = z.object({
  name: z.string().min(1),
  notes: Text,
  plan: Text,
  group: z.unknown().optional(),
  status: Text,
  year: WholeNumber.optional(),
  month: WholeNumber.optional(),
  creation_date: Text,
  deletion_date: Text,
  billed_hours: Numeric.nullish(),
  /** After discounts: online + offline + Σ reserved prices. */
  cost: Money,
  summary: z.object({
    online_hour: Numeric.nullish(),
    online_price: Money.nullish(),
    offline_hour: Numeric.nullish(),
    offline_price: Money.nullish(),
    reserved_discounts: z.array(ReservedDiscountSchema).nullish(),
    /** Before discounts. */
    original_cost: Money,
  }),
});
export type ServerBillingRow = z.infer<typeof ServerBillingRowSchema>;

/** `GET /ecs/v2/billing/servers/{y}/{m}?type=json`: a top-level array. */
export const ServerBillingSchema = z.array(ServerBillingRowSchema);

export const TemplateBillingRowSchema = z.object({
  name: z.string().min(1),
  notes: Text,
  status: Text,
  year: WholeNumber.optional(),
  month: WholeNumber.optional(),
  cost: Money,
  hours: Numeric.nullish(),
  size_on_disk: Numeric.nullish(),
});
export type TemplateBillingRow = z.infer<typeof TemplateBillingRowSchema>;

/** `GET /ecs/v2/billing/templates/{y}/{m}?type=json`: a top-level array. */
export const TemplateBillingSchema = z.array(TemplateBillingRowSchema);

/** `GET /ecs/v2/billing/snapshots/{y}/{m}?type=json`: an object, unlike the other two. */
export const SnapshotBillingSchema = z.object({
  year: WholeNumber.optional(),
  month: WholeNumber.optional(),
  total_cost: Money,
  rows_count: Numeric.nullish(),
  snapshots: z
    .array(
      z.object({
        snapshot: z.union([z.number(), z.string()]).nullish(),
        snapshot_name: Text,
        snapshot_status_label: Text,
        final_cost: Money.nullish(),
      }),
    )
    .nullish(),
});
export type SnapshotBilling = z.infer<typeof SnapshotBillingSchema>;

/** `plan_size` values are strings in the Go client's fixture and numbers in the current docs. */
const PlanSizeSchema = z.object({
  core: Numeric.nullish(),
  ram: Numeric.nullish(),
  disk: Numeric.nullish(),
  gpu: Numeric.nullish(),
  gpu_label: Text,
  host_type: Text,
});

export const ServerSchema = z.object({
  name: z.string().min(1),
  notes: Text,
  plan: Text,
  plan_size: PlanSizeSchema.nullish(),
  location: Text,
  location_label: Text,
  status: Text,
  user: Text,
});
export type Server = z.infer<typeof ServerSchema>;

/** `GET /ecs/v2/servers`: the array sits under the singular key `server`. */
export const ServerListSchema = z.object({
  status: z.string().optional(),
  count: Numeric.nullish(),
  server: z.array(ServerSchema),
});

/** `GET /ecs/v2/account`. */
export const AccountInfoSchema = z.object({
  username: z.string().min(1),
  email: Text,
});

/**
 * An error body. The facts page reads it flat (`{error_code, status, message}`); the Go client
 * decodes it under an `error` key. Both are accepted.
 */
const ErrorFields = z.object({
  error_code: z.union([z.number(), z.string()]).nullish(),
  status: z.string().nullish(),
  message: z.string().nullish(),
});
export const ErrorBodySchema = ErrorFields.extend({
  error: z.union([ErrorFields, z.string()]).nullish(),
});
