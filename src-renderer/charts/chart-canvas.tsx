import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { createContext, useContext, useEffect, useRef } from 'react';
import { readPalette, type Palette } from './palette.ts';

// Only what the views draw, so that the bundle carries no unused chart types.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** The resolved theme: charts read their colours again when it changes. */
export const ChartThemeContext = createContext<string>('light');

export type BuildChart<T extends ChartType = ChartType> = (
  palette: Palette,
) => ChartConfiguration<T>;

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * One chart.js chart on a canvas. The canvas is an image for screen readers, labelled by
 * `label`; every chart in the app has a data table next to it. `build` must be memoised by the
 * caller: a new function redraws the chart. `onPainted` runs after the frame that shows it.
 */
export function ChartCanvas<T extends ChartType>(props: {
  readonly build: BuildChart<T>;
  readonly label: string;
  readonly className?: string;
  readonly onPainted?: () => void;
}) {
  const { build, onPainted } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useContext(ChartThemeContext);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const palette = readPalette();
    Chart.defaults.font.family = palette.font;
    Chart.defaults.color = palette.muted;
    const config = build(palette) as ChartConfiguration;
    const animate = !reducedMotion() && config.options?.animation !== false;
    const chart = new Chart(element, {
      ...config,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        ...config.options,
        animation: animate ? { duration: 300 } : false,
      },
    });
    let frame = 0;
    if (onPainted) frame = requestAnimationFrame(() => onPainted());
    return () => {
      cancelAnimationFrame(frame);
      chart.destroy();
    };
  }, [build, theme, onPainted]);
  return (
    <div className={`chart-box ${props.className ?? ''}`}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
