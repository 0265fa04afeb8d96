import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useIndicatorName, useMetricsText } from './messages';
import { fetchMetricCases, type MetricCase, type Period } from './metrics-api';
import type { MetricPick } from './RatesTable';

/** The cases behind one number, 50 at a time, each linking to its detail page. */
export function CaseDrill({
  unit,
  period,
  pick,
  onClose,
}: {
  unit: string;
  period: Period;
  pick: MetricPick;
  onClose(): void;
}) {
  const mt = useMetricsText();
  const indicator = useIndicatorName();
  const { state } = useI18n();
  const [cases, setCases] = useState<MetricCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Which list is current: a page that arrives after the unit, period or number changed is dropped.
  const listId = useRef(0);
  const load = (after: string | null) => {
    const id = listId.current;
    return fetchMetricCases(unit, period, pick.metric, pick.part, after).then(
      (page) => {
        if (id !== listId.current) return;
        setCases((prev) => (after ? [...prev, ...page.data] : page.data));
        setCursor(page.nextCursor);
      },
      (e: Error) => {
        if (id === listId.current) setError(e);
      },
    );
  };
  useEffect(() => {
    listId.current += 1;
    setCases([]);
    setCursor(null);
    setError(null);
    void load(null);
  }, [unit, period.from, period.to, pick.metric, pick.part]);
  return (
    <section className="card metrics-drill">
      <header className="row">
        <h2>
          {mt('casesBehind')}
          {indicator(pick.metric, pick.name)} · {mt(pick.part)}
        </h2>
        <button type="button" onClick={onClose}>
          {mt('close')}
        </button>
      </header>
      <ErrorNotice error={error} testId="drill-error" />
      {cases.length === 0 && !error && <p className="muted">{mt('none')}</p>}
      <ul>
        {cases.map((c) => (
          <li key={c.id}>
            <a href={`#/case/${c.id}`}>{c.code}</a> <D>{c.title}</D>{' '}
            <span className="badge">{state(c.state)}</span>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {mt('more')}
        </button>
      )}
    </section>
  );
}
