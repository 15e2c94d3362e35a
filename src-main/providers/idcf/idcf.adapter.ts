import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { Notice, ProviderUsageInput } from '../../../src-shared/domain/usage.ts';
import { mapConcurrent } from '../../core/concurrency.ts';
import { isProviderError } from '../../core/provider-error.ts';
import {
  optionList,
  type FetchContext,
  type ProviderAdapter,
  type TimeRange,
} from '../provider.ts';
import { fetchBillingMonth, fetchHistory, type IdcfSession } from './idcf.client.ts';
import { idcfDescriptor } from './idcf.descriptor.ts';
import { regionChoices, usageFromBills, type IdcfBill } from './idcf.map.ts';
import {
  jstDayOfMonth,
  monthContaining,
  monthsOverlapping,
  previousMonth,
  type IdcfMonthSpan,
} from './idcf.months.ts';
import { IdcfRateLimit } from './idcf.rate-limit.ts';

const descriptor = ProviderDescriptorSchema.parse(idcfDescriptor);

/**
 * On the first days of a month IDCF may have no bill for it yet (its data runs a day behind):
 * a 404 then means "nothing yet", not a broken account (INFERRED).
 */
const NEW_MONTH_GRACE_DAYS = 2;

const isNotFound = (error: unknown) => isProviderError(error) && error.kind === 'not-found';

/** One month's bill, or null when IDCF has none and that is expected. */
async function billOrNull(
  session: IdcfSession,
  month: IdcfMonthSpan,
  current: IdcfMonthSpan,
  now: Instant,
): Promise<IdcfBill | null> {
  const isCurrent = month.key === current.key;
  try {
    return { month, bill: await fetchBillingMonth(session, month.key), current: isCurrent };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // An old month without a bill (before the account existed) is simply skipped.
    if (!isCurrent || jstDayOfMonth(now) <= NEW_MONTH_GRACE_DAYS) return null;
    throw error;
  }
}

async function readUsage(session: IdcfSession, range: TimeRange): Promise<ProviderUsageInput> {
  const { ctx } = session;
  const now = ctx.clock.now();
  const current = monthContaining(now);
  let months = monthsOverlapping(range, now);
  if (months.length === 0) return { meters: [], samples: [] };
  // A poll of the current month is one call; a backfill asks only for months IDCF has billed.
  if (months.length > 1 || months[0]!.key !== current.key) {
    const billed = new Set((await fetchHistory(session)).data.map((row) => row.month));
    months = months.filter((m) => m.key === current.key || billed.has(m.key));
  }
  const fetched = await mapConcurrent(months, descriptor.maxConcurrency, (month) =>
    billOrNull(session, month, current, now),
  );
  const bills = fetched.filter((b): b is IdcfBill => b !== null);
  const regions = optionList(ctx.account, 'regions');
  const notices: Notice[] = [];
  const waitingForCurrent =
    months.some((m) => m.key === current.key) && !bills.some((b) => b.current);
  if (waitingForCurrent) {
    notices.push({
      level: 'info',
      message: `IDCF has no bill for ${current.key} yet (its figures run about a day behind).`,
    });
    // Last month's bill tells which regions to show, and holds its final figures.
    if (bills.length === 0 && regions.length === 0) {
      const last = await billOrNull(session, previousMonth(current), current, now);
      if (last) bills.push(last);
    }
  }
  const usage = usageFromBills(bills, regions, now);
  return { ...usage, notices: [...notices, ...(usage.notices ?? [])] };
}

/** The regions on the latest bill: this month's, or last month's early in a month. */
async function discoverRegions(session: IdcfSession) {
  const current = monthContaining(session.ctx.clock.now());
  for (const month of [current, previousMonth(current)]) {
    try {
      return regionChoices(await fetchBillingMonth(session, month.key));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return [];
}

/**
 * The IDCF Cloud adapter. It keeps each account's rate-limit state between calls, so that a
 * poll, a discovery and a backfill of the same account share IDCF's window.
 */
export function createIdcfAdapter(): ProviderAdapter {
  const limits = new Map<string, IdcfRateLimit>();
  const session = (ctx: FetchContext): IdcfSession => {
    const key = `${ctx.account.id} ${ctx.baseUrl}`;
    let limit = limits.get(key);
    if (!limit) {
      limit = new IdcfRateLimit();
      limits.set(key, limit);
    }
    return { ctx, limit };
  };
  return {
    descriptor,
    async checkCredentials(ctx) {
      const history = await fetchHistory(session(ctx));
      return { identity: history.meta.account_id };
    },
    async discover(ctx) {
      return { regions: await discoverRegions(session(ctx)) };
    },
    fetchUsage: (ctx, range) => readUsage(session(ctx), range),
  };
}

export const idcfAdapter: ProviderAdapter = createIdcfAdapter();
