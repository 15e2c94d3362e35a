import type { Instant } from '../../../src-shared/domain/primitives.ts';
import { toBytes } from '../../../src-shared/domain/units.ts';
import { dayKey } from '../../core/time/zoned.ts';

/**
 * Deterministic, realistic-looking usage: the same account id and day always give the same
 * numbers, on every machine, so screenshots and tests are stable. Transfer runs at a pace that
 * slightly overshoots the demo's 1,000 GB quota by month end, so a newcomer sees the forecast
 * warning and, later in the month, the amber and red icons.
 */

/** FNV-1a, mapped to [0, 1). */
export function unitNoise(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

const DAY_MS = 86_400_000;

function weekdayFactor(dayStart: Instant): number {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0.62 : 1.15;
}

/** Bytes transferred during the UTC day starting at `dayStart`. */
export function demoTransferBytes(seed: string, dayStart: Instant): number {
  const gigabytes =
    37 *
    weekdayFactor(dayStart) *
    (0.8 + 0.4 * unitNoise(`${seed}:transfer:${dayKey(dayStart, 'UTC')}`));
  return Math.round(toBytes(gigabytes, 'GB'));
}

/** Euros spent during the UTC day starting at `dayStart`. */
export function demoCostEur(seed: string, dayStart: Instant): number {
  const euros = 0.95 + 0.35 * unitNoise(`${seed}:cost:${dayKey(dayStart, 'UTC')}`);
  return Math.round(euros * 100) / 100;
}

/** Stored bytes at the end of the UTC day starting at `dayStart`: slow growth, small churn. */
export function demoStorageBytes(seed: string, dayStart: Instant): number {
  const days = Math.floor(dayStart / DAY_MS);
  const gigabytes =
    150 + ((days % 365) / 365) * 60 + 4 * unitNoise(`${seed}:storage:${dayKey(dayStart, 'UTC')}`);
  return Math.round(toBytes(gigabytes, 'GB'));
}
