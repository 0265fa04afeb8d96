import type { ReactNode } from 'react';
import { D } from '../../lib/D';
import { categoryName, useCategories } from '../../lib/reference';
import { useActionText } from './action-text';
import type { CaseSummary } from './case-types';
import { DeadlineBadge } from './DeadlineBadge';

/**
 * Cases as cards on a phone and as a table on a desk (one list, laid out by CSS): title, category,
 * cell and owner by name, priority and overdue marks, state, the countdown, and a slot for the
 * row's own action (e.g. 签收). Fresh rows flash.
 */
export function CaseList({
  cases,
  fresh,
  label,
  actions,
  deadline = (c) => c.deadlines.stage,
}: {
  cases: CaseSummary[];
  fresh: Set<string>;
  label: string;
  actions?: (c: CaseSummary) => ReactNode;
  deadline?: (c: CaseSummary) => string | null;
}) {
  const { state, locale } = useActionText();
  const categories = useCategories();
  const en = locale === 'en';
  return (
    <div className="case-table">
      {/* Column titles for the wide layout only; each row names its parts itself. */}
      <div className="ct-row ct-head" aria-hidden="true">
        <span>{en ? 'Case' : '案件'}</span>
        <span>{en ? 'State' : '状态'}</span>
        <span>{en ? 'Deadline' : '时限'}</span>
        <span>{actions ? (en ? 'Action' : '操作') : ''}</span>
      </div>
      <ul aria-label={label}>
        {cases.map((c) => (
          <li
            key={c.id}
            className={`ct-row${fresh.has(c.id) ? ' row-new' : ''}${c.isOverdue ? ' overdue' : ''}`}
            data-case={c.id}
            data-state={c.state}
          >
            <div className="ct-main">
              <a href={`#/case/${c.id}`}>
                <D>{c.title}</D>
              </a>{' '}
              {c.priority === 'URGENT' && <span className="badge red">{en ? 'Urgent' : '紧急'}</span>}
              <div className="muted small">
                {categoryName(categories, c.categoryCode, locale)} · <D>{c.names.grid}</D> · <D>{c.code}</D>
              </div>
            </div>
            <div className="ct-state">
              <span className="badge">{state(c.state)}</span>
            </div>
            <div className="ct-deadline">
              <DeadlineBadge deadline={deadline(c)} />
            </div>
            <div className="ct-actions">{actions?.(c)}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
