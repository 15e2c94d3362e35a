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

/** The options every chart shares, around what its builder returned. */
function withSharedOptions(config: ChartConfiguration): ChartConfiguration {
  const animate = !reducedMotion() && config.options?.animation !== false;
  return {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      ...config.options,
      animation: animate ? { duration: 300 } : false,
    },
  };
}

/**
 * One chart.js chart on a canvas. The canvas is an image for screen readers, labelled by
 * `label`; every chart in the app has a data table next to it. `build` must be memoised by the
 * caller: a new function (new data, another theme) updates the chart in place, without the
 * cost and flicker of destroying and creating it. `onPainted` runs after the frame that shows it.
 */
export function ChartCanvas<T extends ChartType>(props: {
  readonly build: BuildChart<T>;
  readonly label: string;
  readonly className?: string;
  readonly onPainted?: () => void;
}) {
  const { build, onPainted } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<{ readonly instance: Chart; readonly type: ChartType } | null>(null);
  const theme = useContext(ChartThemeContext);
  // The chart lives as long as its canvas (declared first, so it is destroyed last).
  useEffect(
    () => () => {
      chart.current?.instance.destroy();
      chart.current = null;
    },
    [],
  );
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const palette = readPalette();
    Chart.defaults.font.family = palette.font;
    Chart.defaults.color = palette.muted;
    const config = withSharedOptions(build(palette) as ChartConfiguration);
    const current = chart.current;
    if (current && current.type === config.type) {
      current.instance.data = config.data;
      current.instance.options = config.options ?? {};
      current.instance.update('none');
    } else {
      current?.instance.destroy();
      chart.current = { instance: new Chart(element, config), type: config.type };
    }
    let frame = 0;
    if (onPainted) frame = requestAnimationFrame(() => onPainted());
    return () => cancelAnimationFrame(frame);
  }, [build, theme, onPainted]);
  return (
    <div className={`chart-box ${props.className ?? ''}`}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
