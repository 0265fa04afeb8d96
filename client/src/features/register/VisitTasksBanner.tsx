import { useAuth } from '../auth/auth';
import { useRegText } from './messages';
import { useDueVisits } from './use-due-visits';
import './register.css';

/** On a grid worker's home: how many home visits are due or overdue, linking to 走访任务. */
export function VisitTasksBanner() {
  const { me } = useAuth();
  if (me?.role !== 'GRID_WORKER') return null;
  return <Banner userId={me.id} />;
}

function Banner({ userId }: { userId: string }) {
  const { rt } = useRegText();
  const { visits, queued } = useDueVisits(userId);
  const open = (visits ?? []).filter((v) => !queued.has(v.personId));
  if (open.length === 0) return null;
  const overdue = open.filter((v) => v.status === 'OVERDUE').length;
  return (
    <a
      href="#/visits"
      className={`notice ${overdue ? 'error' : 'warn'} visit-banner`}
      data-testid="visit-banner"
    >
      {rt('bannerText', { n: open.length, overdue })} →
    </a>
  );
}
