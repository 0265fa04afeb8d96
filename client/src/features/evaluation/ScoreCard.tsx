import { GRID_WORKER_TARGETS } from '@wangge/shared/evaluation/scores';
import type { GridWorkerScore } from './evaluation-api';
import { useEvalText } from './messages';

const pct = (points: number, max: number) => `${max > 0 ? Math.min(100, (points / max) * 100) : 0}%`;

/** One point figure: "35 / 50" with a bar. */
function Points({ points, max, big = false }: { points: number; max: number; big?: boolean }) {
  return (
    <span className={big ? 'sc-points big' : 'sc-points'}>
      <strong data-testid="points">{points}</strong>
      <span className="muted"> / {max}</span>
    </span>
  );
}

/** 我的考评: the 100-point score of a month, its three parts, every item, and the raw counts. */
export function ScoreCard({ score }: { score: GridWorkerScore }) {
  const { et, maybe } = useEvalText();
  const w = score.work;
  // The recorded work behind the items that count it (the rates' counts are not in the answer).
  const behind: Record<string, string> = {
    patrolDays: `${w.patrolDays} / ${w.workingDays} ${et('unit.days')}`,
    homeVisits: `${w.homeVisits} / ${GRID_WORKER_TARGETS.homeVisits} ${et('unit.times')}`,
    reports: `${w.reports} / ${GRID_WORKER_TARGETS.reports} ${et('unit.cases')}`,
  };
  return (
    <div className="score-card" data-testid="score-card" data-total={score.score}>
      <div className="sc-total">
        <span className="sc-total-label">{et('total')}</span>
        <span className="sc-total-value" data-testid="score-total">
          {score.score}
        </span>
        <span className="muted">{et('outOf')}</span>
        <div className="sc-bar big" aria-hidden="true">
          <span style={{ width: pct(score.score, 100) }} />
        </div>
      </div>
      {score.breakdown.parts.map((p) => (
        <section key={p.key} className="sc-part" data-testid={`part-${p.key}`} data-points={p.points}>
          <header>
            <h2>{et(`part.${p.key}`)}</h2>
            <Points points={p.points} max={p.max} big />
          </header>
          <div className="sc-bar" aria-hidden="true">
            <span style={{ width: pct(p.points, p.max) }} />
          </div>
          <ul>
            {p.items.map((i) => (
              <li key={i.key} data-testid={`item-${i.key}`} data-points={i.points}>
                <span className="sc-item-name">
                  {maybe(`item.${i.key}`) ?? i.key}
                  {behind[i.key] && <span className="muted small sc-behind">{behind[i.key]}</span>}
                </span>
                <Points points={i.points} max={i.max} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="sc-counts">
        <h2>{et('counts')}</h2>
        <dl data-testid="score-counts">
          {(['workingDays', 'patrolDays', 'homeVisits', 'reports'] as const).map((k) => (
            <div key={k} data-testid={`count-${k}`} data-value={w[k]}>
              <dt>{et(`work.${k}`)}</dt>
              <dd>{w[k]}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">{et('rateRule')}</p>
      </section>
    </div>
  );
}
