import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { fetchCasesBehind, type Pick } from './dashboard-api';
import { useDashboardText } from './messages';

/** The cases behind a clicked mark (GET /api/metrics/cases), 50 at a time, each linking to its page. */
export function CasesBehind({ pick, onClose }: { pick: Pick; onClose(): void }) {
  const { text: dt } = useDashboardText();
  const { state } = useI18n();
  const [cases, setCases] = useState<{ id: string; code: string; title: string; state: string }[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const listId = useRef(0);
  const box = useRef<HTMLElement>(null);
  const load = (after: string | null) => {
    const id = listId.current;
    fetchCasesBehind(pick.query, after).then(
      (page) => {
        if (id !== listId.current) return;
        setCases((prev) => (after ? [...prev, ...page.data] : page.data));
        setCursor(page.nextCursor);
      },
      (e: unknown) => {
        if (id === listId.current) setError(e);
      },
    );
  };
  useEffect(() => {
    listId.current += 1;
    setCases([]);
    setCursor(null);
    setError(null);
    load(null);
    // The list opens below the charts: bring it into view.
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [pick.query]);
  return (
    <section ref={box} className="card dash-behind" aria-live="polite" data-testid="cases-behind">
      <header className="row">
        <h2>
          {dt('casesBehind')}
          {pick.title}
          {pick.subject && (
            <>
              {' · '}
              <D>{pick.subject}</D>
            </>
          )}{' '}
          · <span data-testid="behind-count">{dt('count', { n: pick.count })}</span>
        </h2>
        <button type="button" onClick={onClose}>
          {dt('close')}
        </button>
      </header>
      <ErrorNotice error={error} testId="behind-error" />
      {cases.length === 0 && !error && <p className="muted">{dt('none')}</p>}
      <ul>
        {cases.map((c) => (
          <li key={c.id}>
            <a href={`#/case/${c.id}`}>{c.code}</a> <D>{c.title}</D>{' '}
            <span className="badge">{state(c.state)}</span>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          {dt('more')}
        </button>
      )}
    </section>
  );
}
