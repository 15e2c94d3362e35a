import type { Instant } from '../../../src-shared/domain/primitives.ts';
import type { AccountSnapshot } from '../../../src-shared/domain/usage.ts';
import { trayIconState, type TrayIconState } from './tray-state.ts';
import { traySummary, type TraySummary, type TraySummaryOptions } from './tray-summary.ts';
import { trayTitleText, trayTooltipText, type TrayTextOptions } from './tray-text-en.ts';

/** Everything the shell sets on the tray after a poll, derived from the snapshots alone. */
export interface TrayView {
  readonly icon: TrayIconState;
  /** macOS menu-bar title ("85%"), empty when there is no number to show. */
  readonly title: string;
  readonly tooltip: string;
  /** The structured form of the tooltip, for a translated wording. */
  readonly summary: TraySummary;
}

export type TrayViewOptions = TraySummaryOptions & TrayTextOptions;

export function trayView(
  snapshots: readonly AccountSnapshot[],
  now: Instant,
  options: TrayViewOptions = {},
): TrayView {
  const icon = trayIconState(snapshots);
  const summary = traySummary(snapshots, options);
  return {
    icon,
    title: trayTitleText(icon),
    tooltip: trayTooltipText(summary, now, options),
    summary,
  };
}
