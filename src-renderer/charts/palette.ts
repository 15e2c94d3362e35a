/** Chart colours, read from the theme's CSS custom properties so charts follow light and dark. */
export interface Palette {
  readonly series: readonly string[];
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly quota: string;
  readonly forecast: string;
  readonly forecastFill: string;
  readonly used: string;
  readonly room: string;
  readonly font: string;
}

export function readPalette(element: Element = document.documentElement): Palette {
  const style = getComputedStyle(element);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => value(`--chart-${n}`, '#3b6fd8')),
    text: value('--text', '#1d2330'),
    muted: value('--text-muted', '#5b6475'),
    grid: value('--chart-grid', 'rgba(0,0,0,0.08)'),
    quota: value('--chart-quota', '#c0392b'),
    forecast: value('--chart-forecast', '#8a6d1f'),
    forecastFill: value('--chart-forecast-fill', 'rgba(200,160,40,0.18)'),
    used: value('--chart-used', '#3b6fd8'),
    room: value('--chart-room', 'rgba(59,111,216,0.15)'),
    font: value('--font-sans', 'system-ui, sans-serif'),
  };
}
