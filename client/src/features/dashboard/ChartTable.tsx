import type { ReactNode } from 'react';
import { useDashboardText } from './messages';

export interface TableRow {
  key: string;
  /** The row's name (data: a day, a unit, a category). */
  name: ReactNode;
  cells: { value: string | number; onPick?(): void }[];
}

/**
 * A chart's numbers as a table, folded away under the chart: what a screen reader reads and a
 * keyboard reaches (the canvas offers neither), each number a button that lists its cases like
 * a click on the mark.
 */
export function ChartTable({ columns, rows }: { columns: string[]; rows: TableRow[] }) {
  const { text: dt } = useDashboardText();
  return (
    <details className="dash-table">
      <summary>{dt('table')}</summary>
      <table>
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c} className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {r.cells.map((c, i) => (
                <td key={columns[i]} className="num">
                  {c.onPick ? (
                    <button type="button" className="link" onClick={c.onPick}>
                      {c.value}
                    </button>
                  ) : (
                    c.value
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
