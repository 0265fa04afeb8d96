import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useMetricsText } from './messages';
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
  const { state } = useI18n();
  const [cases, setCases] = useState<MetricCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (after: string | null) =>
    fetchMetricCases(unit, period, pick.metric, pick.part, after).then(
      (page) => {
        setCases((prev) => (after ? [...prev, ...page.data] : page.data));
        setCursor(page.nextCursor);
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    setCases([]);
    setError(null);
    void load(null);
  }, [unit, period.from, period.to, pick.metric, pick.part]);
  return (
    <section className="card metrics-drill">
      <header className="row">
        <h3>
          {mt('casesBehind')}：{pick.name} · {mt(pick.part)}
        </h3>
        <button type="button" onClick={onClose}>
          {mt('close')}
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {cases.length === 0 && !error && <p className="muted">{mt('none')}</p>}
      <ul>
        {cases.map((c) => (
          <li key={c.id}>
            <a href={`#/case/${c.id}`}>{c.code}</a> {c.title} <span className="badge">{state(c.state)}</span>
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
