import { z } from 'zod';

/**
 * The raw SurferCloud (UCloud) answers Cloudmeter reads, as documented on
 * https://www.surfercloud.com/docs/api/ and in ucloud-sdk-go. Every success carries
 * `RetCode: 0` (an error is an HTTP 200 with another RetCode, handled before these schemas),
 * and `Action` is `<Action>Response`. Integers may arrive as numeric strings; both are read,
 * anything else is a changed answer and fails naming the field.
 */

const integerText = z
  .string()
  .regex(/^\d+$/, 'expected a whole number')
  .transform((text) => Number(text));

/** A non-negative whole number, or such a number written as a string. */
const Count = z.union([z.number().int().nonnegative(), integerText]);

/** Unix seconds. */
const EpochSeconds = Count;

/**
 * Billed traffic in GB. Documented as an integer (the platform rounds); a decimal is accepted
 * rather than refused, in case the platform ever sends one.
 */
const Gigabytes = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a number of GB')
    .transform((text) => Number(text)),
]);

const responseOf = (action: string) => z.literal(`${action}Response`).optional();

/** Success; the envelope check has already turned any other RetCode into an error. */
const Success = z.union([z.literal(0), z.literal('0')]);

/** Enough of any answer to tell success from the HTTP-200 error envelope. */
export const EnvelopeSchema = z.object({
  RetCode: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  Message: z.string().optional(),
});

/** UAccount GetRegion: one row per zone, so a region appears once per zone. */
export const GetRegionSchema = z.object({
  RetCode: Success,
  Action: responseOf('GetRegion'),
  Regions: z.array(
    z.object({
      Region: z.string().min(1),
      RegionName: z.string().optional(),
      Zone: z.string().optional(),
    }),
  ),
});
export type RegionRow = z.infer<typeof GetRegionSchema>['Regions'][number];

/** One UnetEIPSet row, reduced to what is used. */
export const EipSchema = z.object({
  EIPId: z.string().min(1),
  Name: z.string().optional(),
  /** "Traffic", "Bandwidth", "ShareBandwidth", "PostAccurateBandwidth"... kept as given. */
  PayMode: z.string().min(1),
  CreateTime: EpochSeconds,
  EIPAddr: z
    .array(z.object({ IP: z.string(), OperatorName: z.string().optional() }))
    .optional()
    .default([]),
});
export type RawEip = z.infer<typeof EipSchema>;

/** UNet DescribeEIP, one page (`Offset`, `Limit`). */
export const DescribeEipSchema = z.object({
  RetCode: Success,
  Action: responseOf('DescribeEIP'),
  TotalCount: Count,
  /** Absent on an empty page. */
  EIPSet: z.array(EipSchema).optional().default([]),
});

export const DailyStatSchema = z
  .object({
    StartTime: EpochSeconds,
    EndTime: EpochSeconds,
    QuantityOut: Gigabytes,
    /** "Yes" when the day is billed; anything else is read as not billed yet. */
    BillingState: z.string().optional(),
  })
  .refine((stat) => stat.EndTime > stat.StartTime, {
    message: 'must be after StartTime',
    path: ['EndTime'],
  });
export type DailyStat = z.infer<typeof DailyStatSchema>;

/** UNet GetThroughputDailyBillingInfo: daily billed outbound GB of one EIP. */
export const ThroughputSchema = z
  .object({
    RetCode: Success,
    Action: responseOf('GetThroughputDailyBillingInfo'),
    EIPId: z.string().optional(),
    TotalOut: Gigabytes.optional(),
    Stats: z.array(DailyStatSchema).optional(),
  })
  .superRefine((answer, ctx) => {
    // No Stats is only believable as "nothing used"; otherwise it would be a silent zero.
    if (answer.Stats === undefined && answer.TotalOut !== 0) {
      ctx.addIssue({ code: 'custom', path: ['Stats'], message: 'missing' });
    }
  });
export type ThroughputAnswer = z.infer<typeof ThroughputSchema>;
