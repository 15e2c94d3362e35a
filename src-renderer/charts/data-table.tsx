import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

/**
 * The words-and-numbers alternative to a chart: a table behind a disclosure, built only when
 * opened (a two-year history is thousands of cells).
 */
export function DataTable(props: {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: () => readonly (readonly ReactNode[])[];
  readonly testId?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="data-table"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid={props.testId}
    >
      <summary>{t('chart.showTable')}</summary>
      {open && (
        <div className="table-scroll">
          <table>
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows().map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) =>
                    column === 0 ? (
                      <th key={column} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={column}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
