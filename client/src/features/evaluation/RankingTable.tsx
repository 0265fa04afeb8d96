import { D } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';
import type { Figure, Ranking } from './evaluation-api';
import { type EvalKey, useEvalText } from './messages';

/** The rates a unit score is made of, in weight order (keys as in GET /api/metrics). */
const UNIT_RATES = ['closeOnTime', 'handleOnTime', 'satisfaction', 'registerOnTime', 'checkOnTime', 'rework'];
const WORKER_PARTS = ['cell', 'duties', 'personal'];

function FigureCell({ f }: { f: Figure | undefined }) {
  if (!f) return <td className="num muted">—</td>;
  if ('points' in f)
    return (
      <td className="num">
        {f.points}
        <span className="muted"> / {f.max}</span>
      </td>
    );
  if (f.denominator === 0)
    return (
      <td className="num muted" title="0/0">
        —
      </td>
    );
  return (
    <td className="num">
      {((f.numerator / f.denominator) * 100).toFixed(1)}%
      <div className="muted small">
        {f.numerator}/{f.denominator}
      </div>
    </td>
  );
}

/** Rank, name, score and the figures the score came from; unscored rows last, marked. */
export function RankingTable({ ranking }: { ranking: Ranking }) {
  const { et } = useEvalText();
  const worker = ranking.kind === 'GRID_WORKER';
  const columns = worker ? WORKER_PARTS : UNIT_RATES;
  const label = (c: string) => et((worker ? `part.${c}` : `rate.${c}`) as EvalKey);
  if (ranking.rows.length === 0) return <p className="muted">{et('noRows')}</p>;
  const unscored = ranking.rows.some((r) => r.score === null);
  return (
    <>
      <p className="muted small rk-scroll-hint">{et('scrollHint')}</p>
      <ScrollRegion className="rk-table-wrap" label={et('rkTitle')}>
        <table className="rk-table" data-testid="rk-table">
          <thead>
            <tr>
              <th className="num">{et('rank')}</th>
              <th>{et('name')}</th>
              <th className="num">{et('score')}</th>
              {columns.map((c) => (
                <th key={c} className="num">
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ranking.rows.map((r) => (
              <tr key={r.id} data-id={r.id} data-rank={r.rank ?? ''} data-score={r.score ?? ''}>
                <td className="num rk-rank">
                  {r.rank === null ? (
                    '—'
                  ) : (
                    <span className={r.rank <= 3 ? `rk-medal rk-${r.rank}` : ''}>{r.rank}</span>
                  )}
                </td>
                <th scope="row" className="rk-name">
                  <D>{r.name}</D>
                </th>
                <td className="num rk-score" title={r.score === null ? et('noScore') : undefined}>
                  {r.score === null ? <span className="muted">—</span> : <strong>{r.score}</strong>}
                </td>
                {columns.map((c) => (
                  <FigureCell key={c} f={r.figures[c]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {unscored && <p className="muted small">— {et('noScore')}</p>}
      <p className="muted small">{worker ? et('workerRule') : et('unitRule')}</p>
    </>
  );
}
