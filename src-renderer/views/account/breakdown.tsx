import type { ScopeLevel } from '../../../src-shared/domain/meter.ts';
import type { MeterUsage } from '../../../src-shared/domain/usage.ts';
import { Meter } from '../../components/gauge.tsx';
import { formatLimit, lineAmounts } from '../../format/limit.ts';
import { formatRange } from '../../format/range.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

const SCOPE_ORDER: readonly ScopeLevel[] = [
  'account',
  'region',
  'zone',
  'service',
  'domain',
  'resource',
];

/**
 * Every line of the period, grouped by where it is measured (the account, each region, zone,
 * domain, EIP, server…). Choosing a line shows it in the charts above.
 */
export function Breakdown(props: {
  readonly lines: readonly MeterUsage[];
  readonly labelOf: (meter: MeterUsage['meter']) => string;
  readonly selected: string | null;
  readonly onSelect: (meterId: string) => void;
}) {
  const { t, fmt } = useI18n();
  const groups = SCOPE_ORDER.map((level) => ({
    level,
    lines: props.lines.filter((l) => l.meter.scope.level === level),
  })).filter((g) => g.lines.length > 0);
  return (
    <div className="breakdown">
      {groups.map((group) => (
        <div key={group.level} className="table-scroll">
          <table className="lines-table" data-testid={`breakdown-${group.level}`}>
            <caption>{t(`scope.${group.level}.plural`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.line')}</th>
                <th scope="col">{t('figures.used')}</th>
                <th scope="col">{t('table.quota')}</th>
                <th scope="col">{t('table.percentUsed')}</th>
                <th scope="col">{t('figures.remaining')}</th>
                <th scope="col">{t('figures.forecast')}</th>
              </tr>
            </thead>
            <tbody>
              {group.lines.map((line) => {
                const amount = lineAmounts(line, fmt);
                const selected = props.selected === line.meter.id;
                return (
                  <tr key={line.meter.id} className={selected ? 'selected' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={selected}
                        onClick={() => props.onSelect(line.meter.id)}
                      >
                        {props.labelOf(line.meter)}
                      </button>
                    </th>
                    <td>{amount(line.used)}</td>
                    <td>{formatLimit(line, fmt) ?? '—'}</td>
                    <td className="percent-cell">
                      {line.percentUsed === null ? (
                        '—'
                      ) : (
                        <>
                          <Meter percent={line.percentUsed} level={line.level} />
                          <span>{fmt.percent(line.percentUsed)}</span>
                        </>
                      )}
                    </td>
                    <td
                      className={line.remaining !== null && line.remaining < 0 ? 'over' : undefined}
                    >
                      {line.remaining === null ? '—' : amount(line.remaining)}
                    </td>
                    <td>
                      {line.forecast
                        ? formatRange(line.forecast.low, line.forecast.high, amount, t)
                        : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
