import { useI18n } from '../../i18n/i18n';
import { D } from '../../lib/D';
import type { Alarms } from './dashboard-api';
import { useDashboardText } from './messages';

/** When a deadline was or is, as MM-DD HH:mm in Shanghai. */
const shortTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

/** 预警墙: how many open cases are overdue (red) and on yellow now, and the most urgent of them. */
export function AlarmWall({ alarms }: { alarms: Alarms }) {
  const { text: dt } = useDashboardText();
  const { state } = useI18n();
  return (
    <section className="dash-panel dash-alarms" aria-labelledby="dash-alarms-h">
      <h2 id="dash-alarms-h">
        {dt('alarms')} <span className="dash-period">{dt('now')}</span>
      </h2>
      <p className="dash-alarm-counts">
        <span className="badge red" data-testid="alarm-red">
          {dt('red')} {alarms.red}
        </span>{' '}
        <span className="badge yellow" data-testid="alarm-yellow">
          {dt('yellow')} {alarms.yellow}
        </span>
      </p>
      {alarms.cases.length === 0 && <p className="muted">{dt('noAlarms')}</p>}
      <ul className="dash-alarm-list">
        {alarms.cases.map((c) => (
          <li key={c.id} className={c.level === 'RED' ? 'red' : 'yellow'}>
            <a href={`#/case/${c.id}`}>{c.code}</a> <D>{c.title}</D>
            <span className="muted">
              {' '}
              · <D>{c.gridName}</D> · {state(c.state)} · {dt('deadline')} {shortTime(c.stageDeadline)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
