import type { UnitLevel } from '@wangge/shared/domain/constants';
import { levelOfCode } from '@wangge/shared/domain/unit-codes';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Me, useAuth } from '../auth/auth';
import { fetchUnit, type UnitView } from '../command/map-data';
import { ApiErrorNotice } from './ApiErrorNotice';
import {
  addMonths,
  CITY_CODE,
  currentMonth,
  type FreezeResult,
  fetchRanking,
  freezeRankings,
  monthLabel,
  RANKING_KINDS,
  type Ranking,
  type RankingKind,
  shanghaiTime,
} from './evaluation-api';
import { LockIcon } from './icons';
import { MonthPicker } from './MonthPicker';
import { type EvalKey, fmt, useEvalText } from './messages';
import { RankingTable } from './RankingTable';
import './evaluation.css';
import { D } from '../../lib/D';

type Level = Exclude<UnitLevel, 'GRID'>;
const DEPTH: Record<Level, number> = { CITY: 0, COUNTY: 1, TOWNSHIP: 2, VILLAGE: 3 };

/** Where a ranking of each kind may be asked for (as the API checks it). */
const UNIT_LEVELS: Record<RankingKind, readonly Level[]> = {
  COUNTY: ['CITY'],
  TOWNSHIP: ['COUNTY'],
  DEPARTMENT: ['CITY', 'COUNTY'],
  GRID_WORKER: ['TOWNSHIP', 'VILLAGE'],
};
const deepest = (kind: RankingKind) => Math.max(...UNIT_LEVELS[kind].map((l) => DEPTH[l]));
const levelOf = (code: string) => levelOfCode(code) as Level;

/** The unit whose subtree the user sees (as the API's home unit). */
function homeOf(me: Me): string {
  if (me.role === 'ADMIN' || me.role === 'HOTLINE') return CITY_CODE;
  return me.unitCode ?? CITY_CODE;
}

/** Kinds that have a place at or below the user's home. */
const kindsFor = (home: string) => RANKING_KINDS.filter((k) => deepest(k) >= DEPTH[levelOf(home)]);

/** The city centre freezes a month: admins and the city's dispatchers. */
const canFreeze = (me: Me) => me.role === 'ADMIN' || (me.role === 'DISPATCHER' && me.unitCode === CITY_CODE);

/**
 * Within which unit: the chain from home down to the chosen unit (to step back up), and the
 * units below it while the kind needs (or allows) a lower one.
 */
function UnitPicker({
  home,
  kind,
  unit,
  onChange,
}: {
  home: string;
  kind: RankingKind;
  unit: string;
  onChange(code: string): void;
}) {
  const { et } = useEvalText();
  const [view, setView] = useState<UnitView | null>(null);
  useEffect(() => {
    let live = true;
    fetchUnit(unit).then(
      (v) => live && setView(v),
      () => live && setView(null),
    );
    return () => {
      live = false;
    };
  }, [unit]);
  const fits = UNIT_LEVELS[kind].includes(levelOf(unit));
  const canGoDown = DEPTH[levelOf(unit)] < deepest(kind);
  const shown = view?.code === unit ? view : null;
  const homeIndex = shown ? shown.chain.findIndex((u) => u.code === home) : -1;
  const childLevel = (DEPTH[levelOf(unit)] + 1) as 1 | 2 | 3;
  const childLevelName = et(
    `level.${(['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const)[childLevel - 1]}` as EvalKey,
  );
  return (
    <div className="rk-scope" data-testid="rk-scope" data-unit={unit}>
      <span className="muted">{et('within')}</span>
      {shown?.chain.slice(Math.max(homeIndex, 0)).map((u) =>
        u.code === unit ? (
          <strong key={u.code}>
            <D>{u.name}</D>
          </strong>
        ) : (
          <button key={u.code} type="button" className="link" onClick={() => onChange(u.code)}>
            <D>{u.name}</D>
          </button>
        ),
      )}
      {shown && canGoDown && shown.children.length > 0 && (
        <select
          aria-label={fits ? et('below') : fmt(et('pickUnit'), { level: childLevelName })}
          data-testid="rk-unit-select"
          className={fits ? '' : 'rk-needed'}
          value=""
          onChange={(e) => e.target.value && onChange(e.target.value)}
        >
          <option value="">
            {fits ? `${et('below')}…` : `${fmt(et('pickUnit'), { level: childLevelName })}…`}
          </option>
          {shown.children.map((c) => (
            <option key={c.code} value={c.code}>
              <D>{c.name}</D>
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** The month's state: frozen (with when) or a live preview. */
function FrozenBadge({ ranking }: { ranking: Ranking }) {
  const { et, locale } = useEvalText();
  return ranking.frozen ? (
    <span className="badge rk-frozen" data-testid="rk-badge" data-frozen="true">
      <LockIcon />{' '}
      {fmt(et('frozenAt'), { time: ranking.frozenAt ? shanghaiTime(ranking.frozenAt, locale, true) : '' })}
    </span>
  ) : (
    <span className="badge rk-live" data-testid="rk-badge" data-frozen="false">
      {et('live')}
    </span>
  );
}

/** 排名 (一月一排名): counties, townships, departments or grid workers of a month. */
export function RankingsScreen(_props: { params: string[] }) {
  const { me } = useAuth();
  const { et, locale } = useEvalText();
  const home = me ? homeOf(me) : CITY_CODE;
  const kinds = kindsFor(home);
  const [thisMonth] = useState(() => currentMonth());
  const [month, setMonth] = useState(() => addMonths(thisMonth, -1));
  const [kind, setKind] = useState<RankingKind>(kinds[0] ?? 'GRID_WORKER');
  const [units, setUnits] = useState<Partial<Record<RankingKind, string>>>({});
  const unit = units[kind] ?? home;
  const fits = UNIT_LEVELS[kind].includes(levelOf(unit));
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [freezing, setFreezing] = useState(false);
  const [freezeResult, setFreezeResult] = useState<FreezeResult | null>(null);
  const [freezeError, setFreezeError] = useState<unknown>(null);
  const asked = useRef(0);

  const load = useCallback(() => {
    const id = ++asked.current;
    setRanking(null);
    setError(null);
    if (!fits) return;
    setLoading(true);
    fetchRanking(month, kind, unit)
      .then(
        (r) => id === asked.current && setRanking(r),
        (e: unknown) => id === asked.current && setError(e),
      )
      .finally(() => id === asked.current && setLoading(false));
  }, [month, kind, unit, fits]);
  useEffect(load, [load]);
  // Another month: its own freeze state.
  useEffect(() => {
    setConfirming(false);
    setFreezeError(null);
    setFreezeResult((r) => (r && r.month !== month ? null : r));
  }, [month]);

  if (!me) return null;
  const finished = month < thisMonth;
  const freeze = async () => {
    setFreezing(true);
    setFreezeError(null);
    try {
      setFreezeResult(await freezeRankings(month));
      setConfirming(false);
      load();
    } catch (e) {
      setFreezeError(e);
    } finally {
      setFreezing(false);
    }
  };

  return (
    <div className="eval rankings">
      <header className="eval-head">
        <h1>{et('rkTitle')}</h1>
        <MonthPicker value={month} last={thisMonth} onChange={setMonth} />
      </header>
      <div className="rk-tabs" role="tablist">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === kind}
            data-kind={k}
            className={k === kind ? 'on' : ''}
            onClick={() => setKind(k)}
          >
            {et(`rk.${k}`)}
          </button>
        ))}
      </div>
      <UnitPicker
        home={home}
        kind={kind}
        unit={unit}
        onChange={(code) => setUnits((u) => ({ ...u, [kind]: code }))}
      />
      {ranking && (
        <div className="rk-state">
          <FrozenBadge ranking={ranking} />
          <span className="muted small">
            {monthLabel(ranking.month, locale)} · <D>{ranking.unit.name}</D> · {et(`rk.${ranking.kind}`)}
          </span>
        </div>
      )}
      {ranking && !ranking.frozen && <p className="muted small rk-hint">{et('liveHint')}</p>}

      {canFreeze(me) && (
        <div className="rk-freeze" data-testid="rk-freeze">
          {freezeResult?.month === month && (
            <div className="notice ok" role="status" data-testid="freeze-done">
              {fmt(et('freezeDone'), {
                month: monthLabel(month, locale),
                frozen: freezeResult.frozen,
                already: freezeResult.alreadyFrozen,
              })}
            </div>
          )}
          <ApiErrorNotice error={freezeError} hints={{ RULE_VIOLATION: 'err.notOver' }} />
          {!finished && <p className="muted small">{et('freezeLater')}</p>}
          {finished && ranking && !ranking.frozen && !confirming && (
            <button
              type="button"
              className="primary"
              data-testid="freeze"
              onClick={() => {
                setFreezeError(null);
                setConfirming(true);
              }}
            >
              <LockIcon /> {et('freeze')}（{monthLabel(month, locale)}）
            </button>
          )}
          {confirming && (
            <div className="notice warn rk-confirm" role="alertdialog">
              <p>{fmt(et('freezeConfirm'), { month: monthLabel(month, locale) })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  data-testid="freeze-confirm"
                  disabled={freezing}
                  onClick={() => void freeze()}
                >
                  {freezing ? et('freezing') : et('freezeYes')}
                </button>
                <button type="button" disabled={freezing} onClick={() => setConfirming(false)}>
                  {et('cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}

      <ApiErrorNotice error={error} />
      {!fits && (
        <p className="notice warn" data-testid="rk-pick">
          {fmt(et('pickUnit'), { level: et(`level.${UNIT_LEVELS[kind][0]}` as EvalKey) })}
        </p>
      )}
      {loading && !ranking && <p className="muted">{et('loading')}</p>}
      {ranking && <RankingTable ranking={ranking} />}
    </div>
  );
}
