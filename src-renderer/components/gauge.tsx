import type { Level } from '../../src-shared/domain/usage.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** Percent used as a ring, coloured by level; over 100 % the ring is full. */
export function Gauge(props: {
  readonly percent: number | null;
  readonly level: Level;
  readonly label: string;
}) {
  const { fmt, t } = useI18n();
  const { percent, level } = props;
  const filled = percent === null ? 0 : Math.min(Math.max(percent, 0), 100) / 100;
  const text = percent === null ? t('line.noQuota.short') : fmt.percent(percent);
  return (
    <figure className={`gauge level-${level}`}>
      <svg viewBox="0 0 100 100" role="img" aria-label={`${props.label}: ${text}`}>
        <circle className="gauge-track" cx="50" cy="50" r={RADIUS} />
        <circle
          className="gauge-value"
          cx="50"
          cy="50"
          r={RADIUS}
          strokeDasharray={`${filled * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
          transform="rotate(-90 50 50)"
        />
        <text x="50" y="50" className="gauge-text" textAnchor="middle" dominantBaseline="central">
          {text}
        </text>
      </svg>
    </figure>
  );
}

/** A thin horizontal bar of percent used, for lists and tables. */
export function Meter(props: { readonly percent: number | null; readonly level: Level }) {
  const width = props.percent === null ? 0 : Math.min(Math.max(props.percent, 0), 100);
  return (
    <span className={`meter-bar level-${props.level}`} aria-hidden="true">
      <span className="meter-bar-fill" style={{ width: `${width}%` }} />
    </span>
  );
}
