import { z } from 'zod';
import { AccountIdSchema, AccountSchema } from '../domain/account.ts';
import {
  AlertSettingsSchema,
  ConfigSchema,
  PreferencesSchema,
  QuietHoursSchema,
} from '../domain/config.ts';
import { ProviderErrorKindSchema } from '../domain/errors.ts';
import { MeterSchema, SampleRunSchema } from '../domain/meter.ts';
import { InstantSchema } from '../domain/primitives.ts';
import { ChoiceSchema, ProviderDescriptorSchema } from '../domain/provider-descriptor.ts';
import { ThroughputSeriesSchema, ThroughputWindowSchema } from '../domain/throughput.ts';
import { AccountSnapshotSchema, PeriodSchema } from '../domain/usage.ts';
import type { EventChannel, RequestChannel } from './channels.ts';
import type { EventTable, RequestTable } from './define.ts';

/** Everything the tray and the window show. */
export const UsageStateSchema = z.object({
  accounts: z.array(AccountSnapshotSchema),
  generatedAt: InstantSchema,
  notificationsPausedUntil: InstantSchema.nullable(),
  /** Accounts whose alerts are snoozed, until when. */
  snoozedUntil: z.record(AccountIdSchema, InstantSchema),
});
export type UsageState = z.infer<typeof UsageStateSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** The OS's preferred languages, for the `system` language setting. */
  locales: z.array(z.string()),
  /**
   * Problems found in the config file at start, one line each. While there are any, the app
   * runs without the file's accounts and refuses to write it, so nothing the user wrote is lost.
   */
  configProblems: z.array(z.string()),
});

/**
 * An account as the settings form sends it: the account itself and the secrets typed in.
 * Secrets only ever travel this way (renderer → main); no reply carries one back.
 */
export const AccountDraftSchema = z.object({
  account: AccountSchema,
  /** New values for secret credential fields; a field left out keeps what the keychain has. */
  secrets: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string().min(1).max(4096)),
  /** True when adding: the id must be new. */
  isNew: z.boolean(),
});
export type AccountDraft = z.infer<typeof AccountDraftSchema>;
export type AccountDraftInput = z.input<typeof AccountDraftSchema>;

export const ConnectionTestSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), identity: z.string().nullable() }),
  z.object({
    ok: z.literal(false),
    kind: z.union([ProviderErrorKindSchema, z.literal('incomplete')]),
    message: z.string(),
  }),
]);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export const DiscoverySchema = z.record(z.string(), z.array(ChoiceSchema));

export const SecretStatusSchema = z.object({
  accountId: AccountIdSchema,
  fields: z.array(
    z.object({ key: z.string(), label: z.string(), required: z.boolean(), present: z.boolean() }),
  ),
});
export type SecretStatus = z.infer<typeof SecretStatusSchema>;

/** Preferences and alert settings to change; what is left out stays. */
export const SettingsPatchSchema = z.strictObject({
  /** `quietHours: null` turns quiet hours off (a missing key leaves them as they are). */
  alerts: AlertSettingsSchema.partial()
    .extend({ quietHours: QuietHoursSchema.nullable().optional() })
    .optional(),
  preferences: PreferencesSchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const PeriodQuerySchema = z.object({ accountId: AccountIdSchema, at: InstantSchema });

export const SeriesQuerySchema = z.object({
  accountId: AccountIdSchema,
  meterIds: z.array(z.string().min(1)).min(1).max(100).optional(),
  from: InstantSchema,
  to: InstantSchema,
});

export const SeriesSchema = z.object({
  meters: z.array(MeterSchema),
  runs: z.array(SampleRunSchema),
});
export type Series = z.infer<typeof SeriesSchema>;

export const ExportRequestSchema = z.object({
  format: z.enum(['csv', 'json']),
  accountIds: z.array(AccountIdSchema).optional(),
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const ExportResultSchema = z.object({
  /** False when the user cancelled the save dialog. */
  saved: z.boolean(),
  fileName: z.string().nullable(),
  rows: z.number().int().nonnegative(),
});

const none = z.tuple([]);

/**
 * THE IPC contract: every request the window may make, its arguments and its reply. The main
 * process validates arguments and replies against it (src-main/shell/ipc/ipc-main.ts); the
 * preload exposes one named method per channel; the renderer's bridge is typed from it.
 */
export const requests = {
  'app:info': { args: none, result: AppInfoSchema },
  'usage:get': { args: none, result: UsageStateSchema },
  /**
   * Reads one account, or all, again now; `deferred`: those the provider allows another read
   * only later (its minimum interval), with when that read will happen by itself.
   */
  'usage:refresh': {
    args: z.tuple([AccountIdSchema.optional()]),
    result: z.object({
      deferred: z.array(z.object({ accountId: AccountIdSchema, at: InstantSchema })),
    }),
  },
  /** Billing periods of an account that have history, newest first (the period picker). */
  'usage:periods': { args: z.tuple([AccountIdSchema]), result: z.array(PeriodSchema) },
  /** The account's usage in the period that contains `at` (an earlier one, for the picker). */
  'usage:period': { args: z.tuple([PeriodQuerySchema]), result: AccountSnapshotSchema },
  /** Raw samples of a time range, for long charts: one run of parallel arrays per meter. */
  'usage:series': { args: z.tuple([SeriesQuerySchema]), result: SeriesSchema },
  'usage:throughput': {
    args: z.tuple([AccountIdSchema, ThroughputWindowSchema]),
    result: z.array(ThroughputSeriesSchema),
  },
  'providers:list': { args: none, result: z.array(ProviderDescriptorSchema) },
  'config:get': { args: none, result: ConfigSchema },
  'accounts:discover': { args: z.tuple([AccountDraftSchema]), result: DiscoverySchema },
  'accounts:test': { args: z.tuple([AccountDraftSchema]), result: ConnectionTestSchema },
  /** Checks new credentials first; stores secrets and config only if they work. */
  'accounts:save': {
    args: z.tuple([AccountDraftSchema]),
    result: z.object({ config: ConfigSchema, test: ConnectionTestSchema.nullable() }),
  },
  'accounts:remove': { args: z.tuple([AccountIdSchema]), result: ConfigSchema },
  'secrets:status': { args: z.tuple([AccountIdSchema]), result: SecretStatusSchema },
  'secrets:delete': {
    args: z.tuple([AccountIdSchema, z.string().min(1)]),
    result: SecretStatusSchema,
  },
  'settings:update': { args: z.tuple([SettingsPatchSchema]), result: ConfigSchema },
  'alerts:snooze': { args: z.tuple([AccountIdSchema, InstantSchema.nullable()]), result: z.null() },
  'notifications:pause': { args: z.tuple([InstantSchema.nullable()]), result: z.null() },
  'export:save': { args: z.tuple([ExportRequestSchema]), result: ExportResultSchema },
  /** Opens the provider's console in the browser; the URL comes from its descriptor. */
  'shell:openDashboard': { args: z.tuple([AccountIdSchema]), result: z.boolean() },
} as const satisfies RequestTable & Record<RequestChannel, unknown>;

export const NavigationSchema = z.object({
  view: z.enum(['overview', 'account', 'accounts', 'settings', 'headroom']),
  accountId: AccountIdSchema.optional(),
});
export type Navigation = z.infer<typeof NavigationSchema>;

/** Main → window pushes. */
export const events = {
  'usage:changed': UsageStateSchema,
  'config:changed': ConfigSchema,
  'app:navigate': NavigationSchema,
} as const satisfies EventTable & Record<EventChannel, unknown>;

export type Requests = typeof requests;
export type Events = typeof events;
