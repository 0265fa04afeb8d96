import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import type { MetricCase } from './metrics-api';

type Page = { data: MetricCase[]; nextCursor: string | null };

/**
 * The cases behind a figure (GET /api/metrics/cases), 50 at a time, each linking to its page:
 * the 综合评价 drill and the dashboard's marks both list them so. `listKey` names the list: a
 * page that arrives after it changed is dropped.
 */
export function PagedCases({
  listKey,
  fetchPage,
  testId,
  none,
  more,
}: {
  listKey: string;
  fetchPage(cursor: string | null): Promise<Page>;
  testId: string;
  none: ReactNode;
  more: ReactNode;
}) {
  const { state } = useI18n();
  const [cases, setCases] = useState<MetricCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const listId = useRef(0);
  const load = (after: string | null) => {
    const id = listId.current;
    fetchPage(after).then(
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
  }, [listKey]);
  return (
    <>
      <ErrorNotice error={error} testId={testId} />
      {cases.length === 0 && !error && <p className="muted">{none}</p>}
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
          {more}
        </button>
      )}
    </>
  );
}
