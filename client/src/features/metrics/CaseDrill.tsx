import { useIndicatorName, useMetricsText } from './messages';
import { fetchMetricCases, type Period } from './metrics-api';
import { PagedCases } from './PagedCases';
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
      <PagedCases
        listKey={[unit, period.from, period.to, pick.metric, pick.part].join('|')}
        fetchPage={(cursor) => fetchMetricCases(unit, period, pick.metric, pick.part, cursor)}
        testId="drill-error"
        none={mt('none')}
        more={mt('more')}
      />
    </section>
  );
}
