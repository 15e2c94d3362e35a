import type { AccountStatus } from '../../src-shared/domain/usage.ts';
import type { MessageKey, MessageParams } from '../i18n/types.ts';

export type Tone = 'ok' | 'info' | 'warning' | 'error';

export interface StatusWords {
  readonly tone: Tone;
  /** A short badge text. */
  readonly badge: MessageKey;
  /** What happened and what to do, or null when all is well. */
  readonly advice: MessageKey | null;
  readonly params: MessageParams;
  /** The provider's or Cloudmeter's own message, shown after the advice. */
  readonly detail: string | null;
}

/** How the caller puts a status's values into words: times, and credential fields by key. */
export interface StatusFormat {
  readonly time: (at: number) => string;
  /** The fields' labels as the account form shows them ("API key and Secret key"). */
  readonly fields: (keys: readonly string[]) => string;
}

/**
 * An account's status in words: a badge, and for anything but `ok` what it means for the
 * figures and what the user can do. Values are formatted by the caller (params `since`,
 * `retry`, `fields`).
 */
export function statusWords(status: AccountStatus, format: StatusFormat): StatusWords {
  const formatTime = format.time;
  switch (status.state) {
    case 'ok':
      return { tone: 'ok', badge: 'status.ok', advice: null, params: {}, detail: null };
    case 'pending':
      return {
        tone: 'info',
        badge: 'status.pending',
        advice: 'status.pending.advice',
        params: {},
        detail: null,
      };
    case 'stale':
      return {
        tone: 'warning',
        badge: 'status.stale',
        advice: 'status.stale.advice',
        params: { since: formatTime(status.since) },
        detail: status.message,
      };
    case 'error':
      return {
        tone: 'error',
        badge: 'status.error',
        advice: `error.${status.kind}`,
        params: { retry: status.retryAt === null ? '' : formatTime(status.retryAt) },
        detail: status.message,
      };
    case 'needs-credentials':
      return {
        tone: 'warning',
        badge: 'status.needsCredentials',
        advice: 'status.needsCredentials.advice',
        params: { fields: format.fields(status.missing) },
        detail: null,
      };
    case 'disabled':
      return {
        tone: 'info',
        badge: 'status.disabled',
        advice: 'status.disabled.advice',
        params: {},
        detail: null,
      };
  }
}
