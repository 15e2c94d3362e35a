import { z } from 'zod';
import { ProviderIdSchema } from './provider-id.ts';
import { QuotaSchema } from './quota.ts';
import { TimeZoneSchema } from './primitives.ts';

export const ChoiceSchema = z.object({ value: z.string(), label: z.string() });
export type Choice = z.infer<typeof ChoiceSchema>;

/** A field a person fills in when adding an account: drives the CLI prompts, the form and validation. */
export const FieldSpecSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  help: z.string().optional(),
  input: z.enum(['text', 'number', 'select', 'multiselect']).default('text'),
  required: z.boolean().default(true),
  /** Anchored regular expression source a text value must match. */
  pattern: z.string().optional(),
  choices: z.array(ChoiceSchema).optional(),
  /** The adapter's discover() can list the values to pick from. */
  discover: z.boolean().default(false),
  placeholder: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpecSchema>;
export type FieldSpecInput = z.input<typeof FieldSpecSchema>;

/**
 * A credential field. `secret: true` values live only in the OS keychain; `secret: false` ones
 * (a user name, an access key id) are identifiers kept in the account's options.
 */
export const CredentialFieldSpecSchema = FieldSpecSchema.extend({ secret: z.boolean() });
export type CredentialFieldSpec = z.infer<typeof CredentialFieldSpecSchema>;
export type CredentialFieldSpecInput = z.input<typeof CredentialFieldSpecSchema>;

const HttpsUrlSchema = z.url({ protocol: /^https$/ });

/** A field's words in another language; what is left out is shown in English. */
export const FieldTranslationSchema = z.strictObject({
  label: z.string().min(1).optional(),
  help: z.string().min(1).optional(),
  placeholder: z.string().min(1).optional(),
  /** A choice's value → its label. */
  choices: z.record(z.string(), z.string().min(1)).optional(),
});
export type FieldTranslation = z.infer<typeof FieldTranslationSchema>;

/**
 * A descriptor's words in one more language than English. `fields` is keyed by field key.
 * `meters` names the adapter's meters (their own labels are English): a meter id, or an id
 * prefix ending in `*`, → the label, where `{scope}` stands for the meter's region, service,
 * address… Meters it does not name get a label made of their kind and scope.
 */
export const DescriptorTranslationSchema = z.strictObject({
  summary: z.string().min(1).optional(),
  fields: z.record(z.string(), FieldTranslationSchema).optional(),
  meters: z.record(z.string(), z.string().min(1)).optional(),
});
export type DescriptorTranslation = z.infer<typeof DescriptorTranslationSchema>;

/**
 * Everything the app knows about a provider apart from how to call it: the single source of
 * truth that the CLI, the settings form and config validation read. Pure data, so it can
 * cross IPC to the renderer.
 */
export const ProviderDescriptorSchema = z.object({
  id: ProviderIdSchema,
  displayName: z.string().min(1),
  /** One line on what Cloudmeter reads from this provider. */
  summary: z.string().min(1),
  credentialFields: z.array(CredentialFieldSpecSchema),
  optionFields: z.array(FieldSpecSchema),
  /** Applied when the account has no quota of its own for a meter. */
  defaultQuotas: z.array(QuotaSchema),
  /** Zone of the provider's billing days and months. */
  billingTimeZone: TimeZoneSchema,
  /** Never poll more often than this (provider rate limits, data refresh rate). */
  minPollMinutes: z.number().int().positive(),
  defaultPollMinutes: z.number().int().positive(),
  /** How many months before the current one the API can still answer for (backfill). */
  historyMonths: z.number().int().min(0),
  /** Requests one account may have in flight at once (provider rate limits). */
  maxConcurrency: z.number().int().positive(),
  defaultBaseUrl: HttpsUrlSchema,
  /** The provider's own console, opened from the app; absent for the demo. */
  dashboardUrl: HttpsUrlSchema.optional(),
  /** The API documentation this adapter follows. */
  docsUrl: HttpsUrlSchema.optional(),
  /** True only for the built-in demo provider. */
  demo: z.boolean().default(false),
  /**
   * The descriptor's words in other languages, by language code (`ja`): what the window shows
   * in that language. Optional, field by field: English is shown where a translation is missing.
   */
  translations: z.record(z.string().regex(/^[a-z]{2,3}$/), DescriptorTranslationSchema).optional(),
});
export type ProviderDescriptor = z.infer<typeof ProviderDescriptorSchema>;
export type ProviderDescriptorInput = z.input<typeof ProviderDescriptorSchema>;

/** The credential fields whose values must never leave the keychain. */
export function secretFieldKeys(
  descriptor: Pick<ProviderDescriptor, 'credentialFields'>,
): string[] {
  return descriptor.credentialFields.filter((f) => f.secret).map((f) => f.key);
}

function valueSchemaFor(field: FieldSpec): z.ZodType {
  switch (field.input) {
    case 'number':
      return z.number().finite();
    case 'multiselect':
      return z.array(z.string().min(1)).min(field.required ? 1 : 0);
    case 'select':
      return field.choices && !field.discover
        ? z.enum(field.choices.map((c) => c.value) as [string, ...string[]])
        : z.string().min(1);
    case 'text': {
      const text = z.string().trim().min(1, 'must not be empty');
      return field.pattern
        ? text.regex(new RegExp(`^(?:${field.pattern})$`), `does not look like a ${field.label}`)
        : text;
    }
  }
}

/**
 * The schema of an account's `options` for this provider: its option fields plus its
 * non-secret credential fields. Unknown keys are rejected, so a secret pasted into the
 * config file is caught by name.
 */
export function optionsSchemaFor(
  descriptor: Pick<ProviderDescriptor, 'optionFields' | 'credentialFields'>,
): z.ZodObject {
  const fields = [
    ...descriptor.optionFields,
    ...descriptor.credentialFields.filter((f) => !f.secret),
  ];
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const schema = valueSchemaFor(field);
    shape[field.key] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}
