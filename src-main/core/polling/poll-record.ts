import type { Account } from '../../../src-shared/domain/account.ts';
import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { PollRecord } from '../history-store.ts';
import type { AccountReading } from '../read-account.ts';

/** What the history store keeps of one read of an account. */
export function toPollRecord(
  account: Account,
  startedAt: Instant,
  range: { start: Instant; end: Instant },
  reading: AccountReading,
  finishedAt: Instant,
): PollRecord {
  const base = { accountId: account.id, provider: account.provider, startedAt, finishedAt, range };
  if (reading.ok) return { ...base, outcome: 'ok', usage: reading.usage };
  if (reading.status.state === 'needs-credentials') {
    return {
      ...base,
      outcome: 'needs-credentials',
      error: {
        kind: 'needs-credentials',
        message: `missing: ${reading.status.missing.join(', ')}`,
      },
    };
  }
  const retryAfterMs = reading.status.retryAt === null ? null : reading.status.retryAt - reading.at;
  return {
    ...base,
    outcome: 'error',
    error: { kind: reading.status.kind, message: reading.status.message, retryAfterMs },
  };
}
