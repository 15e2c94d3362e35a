import { z } from 'zod';
import { AccountSchema } from './account.ts';
import { ThresholdsSchema } from './quota.ts';
import { UnitSystemSchema } from './units.ts';

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');

export const QuietHoursSchema = z.strictObject({ from: ClockTimeSchema, to: ClockTimeSchema });

export const AlertSettingsSchema = z.strictObject({
  thresholds: ThresholdsSchema.default({ warningPercent: 80, criticalPercent: 95 }),
  /** Also warn when the forecast says the quota will be exceeded before the period ends. */
  forecast: z.boolean().default(true),
  /** Notifications are held (not dropped) during these local hours. */
  quietHours: QuietHoursSchema.optional(),
  /** An account whose last successful read is older than this is shown as stale. */
  staleAfterHours: z
    .number()
    .positive()
    .max(24 * 31)
    .default(6),
  /** Notify when credentials are rejected or data stays stale. */
  failures: z.boolean().default(true),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const PreferencesSchema = z.strictObject({
  units: UnitSystemSchema.default('si'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  language: z.enum(['system', 'en', 'ja']).default('system'),
  startAtLogin: z.boolean().default(false),
  /** `auto`: show the demo account while no real account is configured. */
  demo: z.enum(['auto', 'off']).default('auto'),
  /** Hourly detail is kept this many days; older history is kept as one point per day. */
  hourlyHistoryDays: z.number().int().min(1).max(3650).default(90),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const CONFIG_VERSION = 1;

const ConfigVersionSchema = z.literal(CONFIG_VERSION, {
  error: (issue) =>
    issue.input === undefined
      ? `missing (add "version": ${CONFIG_VERSION})`
      : `unsupported version ${JSON.stringify(issue.input)}; this Cloudmeter reads version ${CONFIG_VERSION}`,
});

/** Key names that hold a secret. A config file never does: secrets live in the OS keychain. */
export const SECRET_KEY_PATTERN =
  /secret|passw(or)?d|passphrase|private.?key|api.?key|token|credential/i;

/**
 * SECRET_KEY_PATTERN for JSON Schema, whose patterns take no flags: each letter becomes [xX].
 * Sound because the pattern has no escapes and no character classes for the letters to break.
 */
const SECRET_KEY_JSON_PATTERN = SECRET_KEY_PATTERN.source.replace(
  /[a-z]/gi,
  (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`,
);

/**
 * The JSON Schema twin of the secret check, for editors and other tools that read
 * docs/config.schema.json: no key at any depth may be named like a secret.
 */
const NO_SECRET_KEYS_JSON_SCHEMA = {
  $defs: {
    noSecretKeys: {
      propertyNames: { not: { pattern: SECRET_KEY_JSON_PATTERN } },
      additionalProperties: { $ref: '#/$defs/noSecretKeys' },
      items: { $ref: '#/$defs/noSecretKeys' },
    },
  },
  allOf: [{ $ref: '#/$defs/noSecretKeys' }],
};

/** Why a key named like a secret is refused, and the command that stores it where it belongs. */
export function secretKeyMessage(accountId: string | null, field: string): string {
  const fix =
    accountId === null
      ? 'cloudmeter secret set <account> <field>'
      : `cloudmeter secret set ${accountId} ${field}`;
  return `looks like a secret; secrets are kept only in the OS keychain (use: ${fix})`;
}

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: ConfigVersionSchema,
    accounts: z.array(AccountSchema).default([]),
    alerts: AlertSettingsSchema.default(() => AlertSettingsSchema.parse({})),
    preferences: PreferencesSchema.default(() => PreferencesSchema.parse({})),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.accounts.forEach((account, index) => {
      if (seen.has(account.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'id'],
          message: `duplicate account id "${account.id}"`,
        });
      }
      seen.add(account.id);
    });
    // The strict objects refuse unknown keys; the free-form maps (an account's options, its
    // per-meter alerts) are where a secret could otherwise get through.
    for (const path of findSecretLikeKeys(config)) {
      const index = path[0] === 'accounts' ? path[1] : undefined;
      const accountId = typeof index === 'number' ? (config.accounts[index]?.id ?? null) : null;
      ctx.addIssue({
        code: 'custom',
        path,
        message: secretKeyMessage(accountId, String(path.at(-1))),
      });
    }
  })
  .meta(NO_SECRET_KEYS_JSON_SCHEMA);
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export function emptyConfig(): Config {
  return ConfigSchema.parse({ version: CONFIG_VERSION });
}

/**
 * Paths of keys whose name says they hold a secret, e.g. `accounts[0].options.apiKey`. The
 * schema refuses them; validateConfig also looks in the raw JSON first, so that a secret under
 * a misspelt or unknown key is called a secret rather than an unknown key.
 */
export function findSecretLikeKeys(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => findSecretLikeKeys(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    SECRET_KEY_PATTERN.test(key) ? [[...path, key]] : findSecretLikeKeys(inner, [...path, key]),
  );
}
