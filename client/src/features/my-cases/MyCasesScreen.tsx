import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useCaseEvents } from '../../lib/realtime';
import { categoryName, useCategories } from '../../lib/reference';
import { useAuth } from '../auth/auth';
import { OutboxList } from '../report/OutboxList';
import { useOutboxSync } from '../report/outbox';
import { registerServiceWorker } from '../report/pwa';
import '../report/report.css';
import type { CaseSummary } from '../cases/case-types';
import { CheckPanel } from './CheckPanel';
import { useCasesText } from './messages';
import './my-cases.css';
import { D } from '../../lib/D';

registerServiceWorker();

const SOON_MS = 60 * 60 * 1000;

function DeadlineBadge({ c }: { c: CaseSummary }) {
  const { ct, locale } = useCasesText();
  const due = c.deadlines.stage ?? c.deadlines.handle;
  if (!due) return null;
  const left = new Date(due).getTime() - Date.now();
  const cls = c.isOverdue || left < 0 ? 'badge red' : left < SOON_MS ? 'badge yellow' : 'badge';
  const tag = c.isOverdue || left < 0 ? ct('overdue') : left < SOON_MS ? ct('dueSoon') : ct('deadline');
  const when = new Date(due).toLocaleString(locale, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <span className={cls} title={due}>
      {tag} {when}
    </span>
  );
}

function CaseRow({ c, mine, onChanged }: { c: CaseSummary; mine: boolean; onChanged(m: string): void }) {
  const { ct, state, locale } = useCasesText();
  const categories = useCategories();
  return (
    <li className="case-row" data-testid="case-row" data-state={c.state} data-code={c.code}>
      <a className="case-link" href={`#/case/${c.id}`}>
        <span className="case-title">
          <D>{c.title ?? c.code}</D>
        </span>
        <span className="muted small">
          {categoryName(categories, c.categoryCode, locale)} · <D>{c.names.grid}</D> · <D>{c.code}</D>
        </span>
      </a>
      <div className="case-meta">
        <span className={`badge state-${c.state}`} data-testid="case-state">
          {state(c.state)}
        </span>
        {c.priority === 'URGENT' && <span className="badge red">{ct('urgent')}</span>}
        <DeadlineBadge c={c} />
      </div>
      {mine && c.state === 'CHECKING' && (
        <CheckPanel kase={c} onDone={onChanged} onStale={() => onChanged('')} />
      )}
      {mine && c.state === 'VERIFYING' && (
        <a className="small" href={`#/case/${c.id}`}>
          {ct('verifyHint')} →
        </a>
      )}
    </li>
  );
}

/** 我的案件: what I reported, and what waits for my on-site check in my cells; live. */
export function MyCasesScreen() {
  const { me } = useAuth();
  const { ct } = useCasesText();
  const [reported, setReported] = useState<CaseSummary[] | null>(null);
  const [toCheck, setToCheck] = useState<CaseSummary[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  // Search by code or title, on the lists already here (a worker's cases fit on the phone).
  const hit = (c: CaseSummary) => {
    const t = q.trim().toLowerCase();
    return !t || c.code.toLowerCase().includes(t) || (c.title ?? '').toLowerCase().includes(t);
  };
  const gridCodes = me?.gridCodes ?? [];
  const gridKey = gridCodes.join(',');
  useOutboxSync(me?.id ?? '');

  const load = useCallback(async () => {
    try {
      const grids = gridKey ? gridKey.split(',') : [];
      const [mine, ...inCells] = await Promise.all([
        api<CaseSummary[]>('/api/cases?mine=reported&limit=30'),
        ...grids.map((g) => api<CaseSummary[]>(`/api/cases?state=CHECKING,VERIFYING&grid=${g}&limit=100`)),
      ]);
      setReported(mine ?? []);
      setToCheck(inCells.flat());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [gridKey]);

  useEffect(() => {
    void load();
  }, [load]);

  // Events come in bursts (a transition plus its task events): refresh once per burst.
  const timer = useRef<number | undefined>(undefined);
  useCaseEvents(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void load(), 300);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const changed = (message: string) => {
    setNotice(message || null);
    void load();
  };
  const own = new Set(gridCodes);

  return (
    <div className="my-cases">
      <header className="my-cases-head">
        <h1>{ct('title')}</h1>
        <button type="button" onClick={() => void load()}>
          {ct('refresh')}
        </button>
      </header>
      {notice && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} testId="my-cases-error" />
      <label>
        {ct('search')}
        <input
          type="search"
          name="q"
          placeholder={ct('searchHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <h2>{ct('toCheck')}</h2>
      {toCheck.length === 0 ? (
        <p className="muted">{ct('none')}</p>
      ) : (
        <ul className="case-list" data-testid="to-check">
          {toCheck.filter(hit).map((c) => (
            <CaseRow key={c.id} c={c} mine={own.has(c.gridCode)} onChanged={changed} />
          ))}
        </ul>
      )}
      <h2>{ct('reported')}</h2>
      {reported === null ? (
        <p className="muted">…</p>
      ) : reported.length === 0 ? (
        <p className="muted">{ct('none')}</p>
      ) : (
        <ul className="case-list" data-testid="reported">
          {reported.filter(hit).map((c) => (
            <CaseRow key={c.id} c={c} mine={false} onChanged={changed} />
          ))}
        </ul>
      )}
      <OutboxList userId={me?.id ?? ''} />
    </div>
  );
}
