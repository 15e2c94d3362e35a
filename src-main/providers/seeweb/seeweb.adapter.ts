import type { z } from 'zod';
import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import type { HttpResponse } from '../../core/http.ts';
import { isProviderError, type ProviderError } from '../../core/provider-error.ts';
import { zoned } from '../../core/time/zoned.ts';
import { kindForStatus, providerError, requestJson } from '../http-json.ts';
import {
  credential,
  optionList,
  type FetchContext,
  type ProviderAdapter,
  type TimeRange,
} from '../provider.ts';
import {
  SEEWEB_BILLING_ZONE,
  SEEWEB_DEFAULT_CURRENCY,
  seewebDescriptor,
} from './seeweb.descriptor.ts';
import { mapBilling, type MonthBilling } from './seeweb.map.ts';
import { billingMonths, monthKey, type BillingMonth } from './seeweb.months.ts';
import {
  AccountInfoSchema,
  ErrorBodySchema,
  ServerBillingSchema,
  ServerListSchema,
  SnapshotBillingSchema,
  TemplateBillingSchema,
  type Server,
} from './seeweb.schema.ts';

const descriptor = ProviderDescriptorSchema.parse(seewebDescriptor);

/** Answers from /account after which the credential check falls back to the server list. */
const IDENTITY_FALLBACK_KINDS = new Set(['not-found', 'permission', 'bad-response']);

/** The provider's own words from an error body, flat or under `error` (see the schema). */
function messageOf(body: unknown): string | null {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { message, error } = parsed.data;
  if (message) return message;
  if (typeof error === 'string') return error || null;
  return error?.message ?? null;
}

function errorCodeOf(body: unknown): number | null {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const nested = typeof parsed.data.error === 'object' ? parsed.data.error : null;
  const code = Number(parsed.data.error_code ?? nested?.error_code ?? Number.NaN);
  return Number.isInteger(code) ? code : null;
}

/** A 2xx body that says it failed: `{status: "error", …}` or `{error: …}`. Never data. */
function isErrorEnvelope(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return false;
  const { status, error, error_code } = parsed.data;
  if (error !== null && error !== undefined) return true;
  if (typeof status === 'string') return status.toLowerCase() !== 'ok';
  return error_code !== null && error_code !== undefined && Number(error_code) !== 0;
}

/** Keeps a token out of a message even if the API ever echoes it back. */
function redact(text: string | null, token: string): string | null {
  return text === null ? null : text.split(token).join('[token]');
}

function get<S extends z.ZodType>(
  ctx: FetchContext,
  path: string,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const token = credential(ctx, 'apiToken');
  return requestJson(ctx, {
    request: {
      method: 'GET',
      url: `${ctx.baseUrl}/ecs/v2${path}`,
      headers: { 'X-APITOKEN': token, accept: 'application/json' },
    },
    schema,
    what,
    errorMessage: (body) => redact(messageOf(body), token),
    classify: (response: HttpResponse, body: unknown): ProviderError | null => {
      if (response.status < 200 || response.status >= 300 || !isErrorEnvelope(body)) return null;
      const code = errorCodeOf(body);
      const kind = code !== null && code >= 400 && code < 600 ? kindForStatus(code) : 'server';
      return providerError(kind, what, {
        status: response.status,
        providerMessage: redact(messageOf(body), token) ?? 'an error answer with HTTP 200',
      });
    },
    retries: 2,
    // The docs' own example ends `},\n]`; strict JSON is INFERRED, so such an answer is read.
    lenientJson: true,
  });
}

/** A row for another month than the one asked for means the answer cannot be trusted. */
function checkMonth(
  rows: readonly { year?: number | undefined; month?: number | undefined }[],
  month: BillingMonth,
  what: string,
): void {
  const index = rows.findIndex(
    (r) =>
      (r.year !== undefined && r.year !== month.year) ||
      (r.month !== undefined && r.month !== month.month),
  );
  if (index === -1) return;
  const row = rows[index]!;
  throw providerError('bad-response', what, {
    providerMessage: `[${index}] is for ${row.year ?? '?'}-${row.month ?? '?'}, not ${monthKey(month)}`,
  });
}

type Part = 'servers' | 'templates' | 'snapshots';
const PARTS: readonly Part[] = ['servers', 'templates', 'snapshots'];

interface PendingMonth {
  month: BillingMonth;
  servers: MonthBilling['servers'];
  templates: MonthBilling['templates'];
  snapshots: MonthBilling['snapshots'] | null;
}

async function fetchPart(ctx: FetchContext, target: PendingMonth, part: Part): Promise<void> {
  const { month } = target;
  const path = `/billing/${part}/${month.year}/${month.month}?type=json`;
  const what = `Seeweb ${part.replace(/s$/, '')} billing for ${monthKey(month)}`;
  switch (part) {
    case 'servers':
      target.servers = await get(ctx, path, ServerBillingSchema, what);
      checkMonth(target.servers, month, what);
      return;
    case 'templates':
      target.templates = await get(ctx, path, TemplateBillingSchema, what);
      checkMonth(target.templates, month, what);
      return;
    case 'snapshots':
      target.snapshots = await get(ctx, path, SnapshotBillingSchema, what);
      checkMonth([target.snapshots], month, what);
      return;
  }
}

function monthName(month: BillingMonth): string {
  return zoned(month.start, SEEWEB_BILLING_ZONE).toPlainDate().toLocaleString('en', {
    month: 'long',
    year: 'numeric',
  });
}

function currencyOf(ctx: FetchContext): string {
  const value = ctx.account.options.currency;
  return typeof value === 'string' && value !== '' ? value : SEEWEB_DEFAULT_CURRENCY;
}

function serverLabel(server: Server): string {
  const where = server.location_label ?? server.location;
  const facts = [server.name, server.plan, where].filter((f): f is string => Boolean(f));
  const notes = server.notes?.trim();
  return notes ? `${notes} (${facts.join(', ')})` : facts.join(', ');
}

export const seewebAdapter: ProviderAdapter = {
  descriptor,

  async checkCredentials(ctx) {
    try {
      const account = await get(ctx, '/account', AccountInfoSchema, 'Seeweb account');
      return { identity: account.username };
    } catch (error) {
      // That an API token may read /account is INFERRED; if Seeweb will not say who it is,
      // the server list (which every token can read) still proves the token works.
      if (!isProviderError(error) || !IDENTITY_FALLBACK_KINDS.has(error.kind)) throw error;
      await get(ctx, '/servers', ServerListSchema, 'Seeweb server list');
      return { identity: null };
    }
  },

  async discover(ctx) {
    const list = await get(ctx, '/servers', ServerListSchema, 'Seeweb server list');
    const choices = list.server
      .map((server) => ({ value: server.name, label: serverLabel(server) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return { servers: choices };
  },

  async fetchUsage(ctx: FetchContext, range: TimeRange): Promise<ProviderUsageInput> {
    const now = ctx.clock.now();
    const plan = billingMonths(range, now, descriptor.historyMonths);
    const pending: PendingMonth[] = plan.months.map((month) => ({
      month,
      servers: [],
      templates: [],
      snapshots: null,
    }));
    // Every (month, endpoint) pair is independent: one flat queue under the account's limit.
    const work = pending.flatMap((target) => PARTS.map((part) => ({ target, part })));
    await mapConcurrent(work, descriptor.maxConcurrency, ({ target, part }) =>
      fetchPart(ctx, target, part),
    );
    const months = pending.map(({ snapshots, ...rest }) => ({ ...rest, snapshots: snapshots! }));
    const wanted = optionList(ctx.account, 'servers');
    const { meters, samples } = mapBilling(months, {
      currency: currencyOf(ctx),
      servers: wanted.length > 0 ? new Set(wanted) : null,
      now,
    });
    const notices: Notice[] = [];
    if (plan.notYetOpen) {
      notices.push({
        level: 'info',
        message: `${monthName(plan.notYetOpen)} is read from 00:00 UTC: Seeweb refuses months it may still consider future, so its figures start an hour or two after midnight in Italy.`,
      });
    }
    if (plan.historyLimit) {
      notices.push({
        level: 'info',
        message: `Seeweb billing before ${monthName(plan.historyLimit)} is not read: Cloudmeter goes back at most ${descriptor.historyMonths} months.`,
      });
    }
    return { meters, samples, notices };
  },
};
