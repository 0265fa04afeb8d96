import { useAuth } from '../auth/auth';
import { useRegText } from './messages';
import { useDueVisits } from './use-due-visits';

/** The number of home visits still to make, beside 走访任务 in the navigation. */
export function NavVisitCount() {
  const { me } = useAuth();
  const { rt } = useRegText();
  const { visits, queued } = useDueVisits(me?.id ?? '');
  const open = (visits ?? []).filter((v) => !queued.has(v.personId));
  if (open.length === 0) return null;
  const overdue = open.some((v) => v.status === 'OVERDUE');
  return (
    <span
      className={`nav-count${overdue ? ' overdue' : ''}`}
      data-testid="nav-visit-count"
      title={rt('visitsTitle')}
    >
      {open.length}
    </span>
  );
}
