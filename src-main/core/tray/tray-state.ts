import type { AccountSnapshot, Level } from '../../../src-shared/domain/usage.ts';
import { mostSevereLevel, watchedAccounts, worstReading } from './readings.ts';

/** The gauge's colour: the template/neutral look, amber, or red (critical and exceeded). */
export type TrayTone = 'normal' | 'warning' | 'critical';

/** A problem shown on top of the gauge: an account failing (or lacking credentials), or old data. */
export type TrayAttention = 'none' | 'stale' | 'error';

/**
 * What the tray icon shows, independent of platform and pixel size. Everything the icon
 * renderer needs and nothing more, so equal states give equal (cached) images.
 */
export type TrayIconState =
  | { readonly kind: 'no-accounts' }
  /** Accounts exist but none has been read yet (first poll running). */
  | { readonly kind: 'pending' }
  | {
      readonly kind: 'usage';
      /** The highest percent used of any meter with a quota; null when no meter has one. */
      readonly percent: number | null;
      readonly tone: TrayTone;
      readonly attention: TrayAttention;
    };

function toneOf(level: Level): TrayTone {
  if (level === 'exceeded' || level === 'critical') return 'critical';
  return level === 'warning' ? 'warning' : 'normal';
}

/**
 * The icon state for all snapshots. The gauge shows the highest percent used; its colour is
 * the most severe level of any meter, so an account with stricter thresholds is not hidden
 * behind a fuller one that is still within its own. Errors (including missing credentials)
 * outrank stale data as the overlay, whatever the gauge shows.
 */
export function trayIconState(snapshots: readonly AccountSnapshot[]): TrayIconState {
  const watched = watchedAccounts(snapshots);
  if (watched.length === 0) return { kind: 'no-accounts' };
  const worst = worstReading(watched);
  const states = new Set(watched.map((s) => s.status.state));
  if (worst === null && watched.every((s) => s.status.state === 'pending' && s.meters.length === 0))
    return { kind: 'pending' };
  const attention: TrayAttention =
    states.has('error') || states.has('needs-credentials')
      ? 'error'
      : states.has('stale')
        ? 'stale'
        : 'none';
  return {
    kind: 'usage',
    percent: worst?.percentUsed ?? null,
    tone: toneOf(mostSevereLevel(watched)),
    attention,
  };
}
