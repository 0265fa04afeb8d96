import { useI18n } from '../../i18n/i18n';
import { D } from '../../lib/D';
import { useCommandText } from './messages';
import type { FeedItem } from './use-live-map';

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** The last 50 case events, newest first; a click on one opens its case beside the map. */
export function LiveFeed({ items, onOpen }: { items: FeedItem[]; onOpen(caseId: string): void }) {
  const { state, action } = useI18n();
  const ct = useCommandText();
  return (
    <div className="cmd-feed">
      <h2>{ct('feed')}</h2>
      <ol data-testid="feed">
        {items.length === 0 && <li className="muted">{ct('feedEmpty')}</li>}
        {items.map((e) => (
          <li key={e.seq} className="row-new" data-seq={e.seq} data-event={e.name}>
            <time>{time(e.at)}</time>{' '}
            <button type="button" className="link" data-testid="feed-open" onClick={() => onOpen(e.caseId)}>
              <strong>{e.caseCode}</strong>
            </button>{' '}
            {action(e.action)} →{' '}
            <span className={e.name === 'case:reported' ? 'badge yellow' : 'badge'}>{state(e.toState)}</span>
            <span className="muted">
              {' · '}
              <D>{e.actor}</D>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
