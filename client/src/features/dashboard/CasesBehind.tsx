import { useEffect, useRef } from 'react';
import { D } from '../../lib/D';
import { PagedCases } from '../metrics/PagedCases';
import { fetchCasesBehind, type Pick } from './dashboard-api';
import { useDashboardText } from './messages';

/** The cases behind a clicked mark (GET /api/metrics/cases), 50 at a time, each linking to its page. */
export function CasesBehind({ pick, onClose }: { pick: Pick; onClose(): void }) {
  const { text: dt } = useDashboardText();
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
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
      <PagedCases
        listKey={pick.query}
        fetchPage={(cursor) => fetchCasesBehind(pick.query, cursor)}
        testId="behind-error"
        none={dt('none')}
        more={dt('more')}
      />
    </section>
  );
}
