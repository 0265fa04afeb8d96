import { D } from '../../lib/D';
import type { GridFeature } from '../../map/grid-layer';
import type { UnitView } from './map-data';
import { useCommandText } from './messages';

interface Props {
  unit: UnitView | null;
  home: string | null;
  /** At village level: the village's cells, with their open counts. */
  cells: { feature: GridFeature; open: number; overdue: number }[];
  onUnit(code: string): void;
  onCell(code: string): void;
}

/** Breadcrumb city → county → township → village, and the units (or cells) below. */
export function UnitPanel({ unit, home, cells, onUnit, onCell }: Props) {
  const ct = useCommandText();
  if (!unit) return null;
  // Units above home are shown but not clickable: their figures are outside the jurisdiction.
  const homeIndex = unit.chain.findIndex((u) => u.code === home);
  return (
    <div className="cmd-units">
      <nav className="cmd-crumbs" aria-label={ct('crumbs')}>
        {unit.chain.map((u, i) =>
          i < homeIndex || u.code === unit.code ? (
            <span key={u.code} aria-current={u.code === unit.code ? 'page' : undefined}>
              <D>{u.name}</D>
            </span>
          ) : (
            <button key={u.code} type="button" className="link" onClick={() => onUnit(u.code)}>
              <D>{u.name}</D>
            </button>
          ),
        )}
      </nav>
      <h2>{unit.children.length > 0 ? ct('subunits') : ct('cells')}</h2>
      <ul className="cmd-list">
        {unit.children.map((c) => (
          <li key={c.code}>
            <button type="button" className="link" onClick={() => onUnit(c.code)}>
              <D>{c.name}</D>
            </button>
          </li>
        ))}
        {unit.children.length === 0 &&
          cells.map((c) => (
            <li key={c.feature.properties.code}>
              <button type="button" className="link" onClick={() => onCell(c.feature.properties.code)}>
                <D>{c.feature.properties.name ?? c.feature.properties.code}</D>
              </button>
              {c.open > 0 && <span className={c.overdue > 0 ? 'badge red' : 'badge yellow'}>{c.open}</span>}{' '}
              <a
                href={`#/cell/${c.feature.properties.code}`}
                className="small"
                data-testid="cell-profile-link"
              >
                {ct('cellProfile')}
              </a>
            </li>
          ))}
      </ul>
    </div>
  );
}
