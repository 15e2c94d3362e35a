import { z } from 'zod';

/**
 * zod schemas of the IDCF billing API's answers (shapes from the official idcf-your-ruby gem's
 * fixtures). Only the fields Cloudmeter reads are validated; the rest pass unchecked, so a new
 * column does not break anything, while a missing or mistyped needed field names itself.
 */

const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** IDCF sends numbers as numbers or as strings ("0.000000" on CDN rows): accept both. */
export const IdcfNumber = z.union(
  [z.number().finite(), z.string().regex(NUMERIC_TEXT).transform(Number)],
  { error: 'expected a number or a numeric string' },
);

/** "2017-07"; the API's own validator also allows "2017-7". Normalised to zero-padded. */
export const IdcfMonth = z
  .string()
  .regex(/^\d{4}-(0?[1-9]|1[0-2])$/, 'expected a month as YYYY-MM')
  .transform((month) => {
    const [year, m] = month.split('-') as [string, string];
    return `${year}-${m.padStart(2, '0')}`;
  });

/** A JST calendar date "2017-07-18" (a time part, if one ever appears, is ignored). */
export const IdcfDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date as YYYY-MM-DD')
  .transform((date) => {
    const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
    return { year, month, day };
  });
export type IdcfDate = z.output<typeof IdcfDate>;

const AccountId = z.union([z.string().min(1), z.number()]).transform(String);

export const TRANSFER_CATEGORY = 'Internet Data Transfer';

export const IdcfBillingRowSchema = z
  .object({
    Region: z.string().trim().min(1),
    ZoneName: z.string().nullish(),
    Category: z.string(),
    Menu: z.string(),
    /** GB for transfer rows, hours for VMs...: required only where it is read. */
    Usage: IdcfNumber.nullish(),
    /** JPY including tax; negative on coupon rows. */
    Net: IdcfNumber,
  })
  .superRefine((row, ctx) => {
    if (row.Category === TRANSFER_CATEGORY && (row.Usage === undefined || row.Usage === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['Usage'],
        message: `missing on an "${TRANSFER_CATEGORY}" row`,
      });
    }
  });
export type IdcfBillingRow = z.output<typeof IdcfBillingRowSchema>;

/** GET /api/v1/billings/{YYYY-MM}?format=json */
export const IdcfBillingMonthSchema = z.object({
  meta: z.object({
    account_id: AccountId,
    billing_period_start_at: IdcfDate.nullish(),
    /** The last JST day the figures include: the data runs a day or so behind. */
    billing_period_end_at: IdcfDate.nullish(),
  }),
  data: z.array(IdcfBillingRowSchema),
});
export type IdcfBillingMonth = z.output<typeof IdcfBillingMonthSchema>;

/** GET /api/v1/billings/history?format=json: one row per billed month. */
export const IdcfBillingHistorySchema = z.object({
  meta: z.object({ account_id: AccountId }),
  data: z.array(z.object({ month: IdcfMonth })),
});
export type IdcfBillingHistory = z.output<typeof IdcfBillingHistorySchema>;

/** The error body: {"message": "...", "reference": "http://docs.idcf.jp/cloud/billing"}. */
export const IdcfErrorBodySchema = z.object({
  message: z.string(),
  reference: z.string().optional(),
});

export function idcfErrorMessage(body: unknown): string | null {
  const parsed = IdcfErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const message = parsed.data.message.trim();
  return message === '' ? null : message.slice(0, 300);
}
