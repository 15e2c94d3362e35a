import { z } from 'zod';
import { MeterIdSchema } from './meter.ts';
import { ProviderIdSchema } from './provider-id.ts';
import { QuotaSchema, ThresholdsSchema } from './quota.ts';
import { SlugSchema } from './primitives.ts';

export const AccountIdSchema = SlugSchema;
export type AccountId = z.infer<typeof AccountIdSchema>;

export const OptionValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
]);
export type OptionValue = z.infer<typeof OptionValueSchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A provider endpoint override. HTTPS only, except plain HTTP to this machine (a local proxy,
 * or the fake provider servers the tests run).
 */
export const BaseUrlSchema = z.url().refine(
  (raw) => {
    // zod runs this even when the URL check above failed: that check already says so.
    if (!URL.canParse(raw)) return true;
    const url = new URL(raw);
    return (
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    );
  },
  { message: 'must be an https:// URL (plain http is allowed only to 127.0.0.1 or localhost)' },
);

/** Alert settings of one meter (or pool, `pool:<quota id>`), over the account's and global ones. */
export const MeterAlertsSchema = z.strictObject({
  thresholds: ThresholdsSchema.optional(),
  forecast: z.boolean().optional(),
  /** No notifications for this meter (it still shows its level). */
  muted: z.boolean().optional(),
});
export type MeterAlerts = z.infer<typeof MeterAlertsSchema>;

export const AccountAlertsSchema = z.strictObject({
  thresholds: ThresholdsSchema.optional(),
  forecast: z.boolean().optional(),
  /** No notifications for this account at all (it still shows in the tray). */
  muted: z.boolean().optional(),
  /** Per meter id, as `cloudmeter check --json` lists them. */
  meters: z.record(MeterIdSchema, MeterAlertsSchema).optional(),
});

export const AccountSchema = z.strictObject({
  id: AccountIdSchema,
  provider: ProviderIdSchema,
  label: z.string().trim().min(1, 'must not be empty').max(80),
  /** Provider options (region, contract, domains...) and non-secret credential fields. */
  options: z.record(z.string(), OptionValueSchema).default({}),
  baseUrl: BaseUrlSchema.optional(),
  /** Defaults to the provider's defaultPollMinutes; never below its minPollMinutes. */
  pollIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  enabled: z.boolean().default(true),
  quotas: z.array(QuotaSchema).default([]),
  alerts: AccountAlertsSchema.optional(),
});
export type Account = z.infer<typeof AccountSchema>;
export type AccountInput = z.input<typeof AccountSchema>;
