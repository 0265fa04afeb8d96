import { OPEN_STATES } from '@wangge/shared/domain/constants';
import { type ComponentType, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiError, api } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from '../auth/auth';
import { shanghaiTime } from '../evaluation/evaluation-api';
import { type RegKey, useRegText } from './messages';
import { classesForRole, fetchPersons } from './register-api';
import './register.css';

type Cell = {
  code: string;
  name: string;
  team: { role: string; name: string; phone: string | null; userId: string | null }[];
};
type SectionProps = { cell: Cell };

/** A section's data: loading, loaded, refused (403: the role has no such view, hidden), failed. */
function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; hidden?: boolean }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) =>
        live && setState(error instanceof ApiError && error.status === 403 ? { hidden: true } : { error }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

/** 网格力量: the cell's "1+N" team as GET /api/grids/:code has it (phones masked). */
function TeamSection({ cell }: SectionProps) {
  const { rt } = useRegText();
  if (cell.team.length === 0) return null;
  const known = ['LEADER', 'WORKER', 'LEGAL_ADVISOR', 'POLICE', 'MEDIATOR'];
  return (
    <section data-testid="cell-team">
      <h2>{rt('cellTeam')}</h2>
      <ul className="plain-list">
        {cell.team.map((m) => (
          <li key={`${m.role}-${m.name}`}>
            {rt(`team.${known.includes(m.role) ? m.role : 'OTHER'}` as RegKey)} · <D>{m.name}</D>
            {m.phone && <span className="masked"> · {m.phone}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 人员: how many people of each class the caller may see live in the cell (one page per class). */
function PeopleSection({ cell }: SectionProps) {
  const { me } = useAuth();
  const { rt, className } = useRegText();
  const classes = classesForRole(me?.role ?? '');
  const s = useLoad(async () => {
    const all = await fetchPersons({ grid: cell.code }, undefined, 100);
    const counts = await Promise.all(
      classes.map(async (c) => {
        const page = await fetchPersons({ grid: cell.code, tag: c.code }, undefined, 100);
        return { code: c.code, n: page.data.length, more: page.nextCursor !== null };
      }),
    );
    return { total: all.data.length, more: all.nextCursor !== null, counts };
  }, [cell.code, me?.role]);
  if (s.hidden) return null;
  return (
    <section data-testid="cell-people">
      <h2>{rt('cellPeople')}</h2>
      <ErrorNotice error={s.error} />
      {s.data && (
        <>
          <p>
            <a href={`#/register/${cell.code}`}>
              {rt('cellTotal', { n: `${s.data.total}${s.data.more ? '+' : ''}` })}
            </a>
          </p>
          <ul className="plain-list">
            {s.data.counts
              .filter((c) => c.n > 0)
              .map((c) => (
                <li key={c.code} data-class={c.code} data-count={c.n}>
                  {className(c.code)} · {rt('count', { n: `${c.n}${c.more ? '+' : ''}` })}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** 未办结案件: the cell's open cases the caller may see. */
function CasesSection({ cell }: SectionProps) {
  const { rt } = useRegText();
  const { state } = useI18n();
  const s = useLoad(
    () =>
      api<{ id: string; code: string; title: string; state: string }[]>(
        `/api/cases?grid=${cell.code}&state=${OPEN_STATES.join(',')}&limit=20`,
      ),
    [cell.code],
  );
  if (s.hidden) return null;
  return (
    <section data-testid="cell-cases">
      <h2>{rt('cellCases')}</h2>
      <ErrorNotice error={s.error} />
      {s.data?.length === 0 && <p className="muted">{rt('noCases')}</p>}
      <ul className="plain-list">
        {s.data?.map((c) => (
          <li key={c.id}>
            <a href={`#/case/${c.id}`}>{c.code}</a> · <D>{c.title}</D> · {state(c.state)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 最近走访: the last home visits paid in the cell, to persons the caller may see. */
function VisitsSection({ cell }: SectionProps) {
  const { rt, locale } = useRegText();
  const s = useLoad(
    () =>
      api<{ id: string; at: string; personId: string; name: string; worker: string }[]>(
        `/api/register/visits/recent?grid=${cell.code}`,
      ),
    [cell.code],
  );
  if (s.hidden) return null;
  return (
    <section data-testid="cell-visits">
      <h2>{rt('cellVisits')}</h2>
      <ErrorNotice error={s.error} />
      {s.data?.length === 0 && <p className="muted">{rt('noVisits')}</p>}
      <ul className="plain-list">
        {s.data?.map((v) => (
          <li key={v.id}>
            {shanghaiTime(v.at, locale)} ·{' '}
            <a href={`#/person/${v.personId}`}>
              <D>{v.name}</D>
            </a>{' '}
            · <D>{rt('visitedBy', { worker: v.worker })}</D>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The sections of a cell's profile, in order. Each hides itself where the caller's role has no
 * view of it (403). Other record types (places, organisations, components, …) add theirs here.
 */
export const CELL_SECTIONS: { key: string; Section: ComponentType<SectionProps> }[] = [
  { key: 'team', Section: TeamSection },
  { key: 'people', Section: PeopleSection },
  { key: 'cases', Section: CasesSection },
  { key: 'visits', Section: VisitsSection },
];

/** 网格概况 (#/cell/CODE): a cell's team, people by class, open cases and last visits. */
export function CellPage({ params }: { params: string[] }) {
  const code = params[0] ?? '';
  const { rt } = useRegText();
  const s = useLoad(() => api<Cell>(`/api/grids/${code}`), [code]);
  return (
    <div className="reg">
      <h1>
        {rt('openCell')}
        {s.data && (
          <>
            {' · '}
            <D>{s.data.name}</D>
          </>
        )}
      </h1>
      <ErrorNotice error={s.error} />
      {s.data && (
        <div className="cell-sections">
          {CELL_SECTIONS.map(({ key, Section }) => (
            <Section key={key} cell={s.data!} />
          ))}
        </div>
      )}
    </div>
  );
}
