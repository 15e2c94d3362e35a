import type { TrayAttention, TrayIconState, TrayTone } from '../../core/tray/tray-state.ts';

export type TrayPlatform = 'darwin' | 'win32' | 'linux';

/**
 * - `template`: black and alpha only; macOS tints it for light and dark menu bars itself.
 * - `on-dark` / `on-light`: full colour for a dark or a light panel (Windows taskbar, Linux
 *   panels, and macOS when the icon must be amber or red, which a template cannot be).
 */
export type TrayIconStyle = 'template' | 'on-dark' | 'on-light';

export interface TrayTheme {
  readonly platform: TrayPlatform;
  /**
   * Whether the panel behind the icon is dark. In Electron: on Windows
   * `nativeTheme.shouldUseDarkColorsForSystemIntegratedUI` (the taskbar follows the system
   * theme, not the app's); on macOS and Linux `nativeTheme.shouldUseDarkColors`.
   */
  readonly darkPanel: boolean;
}

/** macOS gets a template image unless the icon needs colour (a quota level or an error). */
export function trayIconStyle(state: TrayIconState, theme: TrayTheme): TrayIconStyle {
  const calm = state.kind !== 'usage' || (state.tone === 'normal' && state.attention !== 'error');
  if (theme.platform === 'darwin' && calm) return 'template';
  return theme.darkPanel ? 'on-dark' : 'on-light';
}

/**
 * What is drawn at one pixel size, reduced to what can be told apart there: two states with
 * the same look give identical pixels, so this is also the cache key. The gauge's percent is
 * bucketed into `steps`, about one per pixel of the ring's circumference.
 */
export interface IconLook {
  readonly figure: 'no-accounts' | 'pending' | 'gauge';
  readonly style: TrayIconStyle;
  readonly sizePx: number;
  readonly tone: TrayTone;
  readonly attention: TrayAttention;
  /** Filled steps of the gauge, 0 to steps − 1; a full ring only once exceeded. */
  readonly filled: number;
  readonly steps: number;
  readonly exceeded: boolean;
}

/** Ring center-line radius on the 16 px design grid (see tray-icon-render.ts). */
export const RING_RADIUS_16 = 5.5;

export function gaugeSteps(sizePx: number): number {
  const circumference = 2 * Math.PI * RING_RADIUS_16 * (sizePx / 16);
  return Math.min(100, Math.max(8, Math.round(circumference)));
}

export function iconLook(state: TrayIconState, style: TrayIconStyle, sizePx: number): IconLook {
  const steps = gaugeSteps(sizePx);
  const base = { style, sizePx, steps, filled: 0, exceeded: false } as const;
  if (state.kind !== 'usage')
    return { ...base, figure: state.kind, tone: 'normal', attention: 'none' };
  const percent = state.percent ?? 0;
  const exceeded = percent >= 100;
  // Rounded to the nearest step, but never a full ring below 100 %: a closed ring means "over".
  const filled = exceeded
    ? steps
    : Math.min(steps - 1, Math.max(0, Math.round((percent / 100) * steps)));
  return {
    ...base,
    figure: 'gauge',
    tone: state.tone,
    attention: state.attention,
    filled,
    exceeded,
  };
}

export function lookKey(look: IconLook): string {
  return [
    look.figure,
    look.style,
    look.sizePx,
    look.tone,
    look.attention,
    `${look.filled}/${look.steps}`,
    look.exceeded ? 'over' : '',
  ].join(':');
}
