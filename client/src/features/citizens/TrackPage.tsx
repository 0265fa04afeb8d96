import { type FormEvent, useEffect, useState } from 'react';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { navigate } from '../../lib/router';
import { useCitizenText } from './messages';
import { useFollowedReport } from './use-followed-report';

/** The public status page (#/public/track/<code>), or the form to enter a code. */
export function TrackPage({ code }: { code: string | undefined }) {
  const { ct } = useCitizenText();
  const [typed, setTyped] = useState(code ?? '');
  const look = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) navigate(`/public/track/${typed.trim().toUpperCase()}`);
  };
  return (
    <div className="public-page">
      <h1>{ct('trackTitle')}</h1>
      <form onSubmit={look} className="public-track-form">
        <label>
          <span className="field-label">{ct('codeLabel')}</span>
          <input
            name="trackingCode"
            data-testid="track-code"
            autoCapitalize="characters"
            autoComplete="off"
            placeholder={ct('codeHint')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit">{ct('lookUp')}</button>
      </form>
      {code && <TrackedReportView code={code} />}
      <p className="muted small">
        {ct('privacy')} <a href="#/public/report">{ct('reportLink')}</a>
      </p>
    </div>
  );
}

function TrackedReportView({ code }: { code: string }) {
  const { ct, locale } = useCitizenText();
  const { state, follow, setFollow, change } = useFollowedReport(code);
  const say = (p: { zh: string; en: string }) => (locale === 'en' ? p.en : p.zh);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'short',
    });
  // A change seen while followed: the tab's title says so, and a notification if allowed.
  useEffect(() => {
    if (!change) return;
    const text = ct('updated', { phrase: say(change.phrase) });
    const title = document.title.replace(/^\(\d\) /, '');
    document.title = `(1) ${title}`;
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden)
      new Notification(text);
    const restore = () => {
      document.title = title;
    };
    window.addEventListener('focus', restore, { once: true });
    return () => window.removeEventListener('focus', restore);
  }, [change]);

  if (state.kind === 'loading') return <p className="muted">{ct('loading')}</p>;
  if (state.kind === 'missing')
    return (
      <p className="notice warn" role="status" data-testid="track-missing">
        {ct('notFound')}
      </p>
    );
  if (state.kind === 'error') return <ErrorNotice error={state.error} />;
  const r = state.report;
  return (
    <section className="tracked" aria-labelledby="tracked-title" data-testid="tracked" data-status={r.status}>
      <h2 id="tracked-title">
        {ct('codeLabel')}{' '}
        <span className="tracking-code">
          <D>{r.trackingCode}</D>
        </span>
      </h2>
      <div aria-live="polite" data-testid="track-change">
        {change && <p className="notice ok">{ct('updated', { phrase: say(change.phrase) })}</p>}
      </div>
      <dl className="tracked-facts">
        <dt>{ct('status')}</dt>
        <dd data-testid="track-status">
          <strong>{say(r.phrase)}</strong>
          {r.rejection && (
            <span className="block">
              {ct('reason')}：{say(r.rejection.phrase)}
            </span>
          )}
        </dd>
        <dt>{ct('categoryShown')}</dt>
        <dd>
          {r.category.group ? `${locale === 'en' ? r.category.group.nameEn : r.category.group.name} › ` : ''}
          {locale === 'en' ? r.category.nameEn : r.category.name}
        </dd>
        <dt>{ct('area')}</dt>
        <dd>
          <D>{[r.area.township, r.area.village].filter(Boolean).join(' ')}</D>
        </dd>
        <dt>{ct('submittedAt')}</dt>
        <dd>{when(r.submittedAt)}</dd>
      </dl>
      <label className="follow">
        <input
          type="checkbox"
          data-testid="track-follow"
          checked={follow}
          onChange={(e) => setFollow(e.target.checked)}
        />
        {ct('follow')}
      </label>
      <p className="muted small">{ct('followHint')}</p>
      <h3>{ct('timeline')}</h3>
      <ol className="track-timeline" data-testid="track-timeline">
        {r.timeline.map((s, i) => (
          <li key={`${s.at}-${i}`} data-state={s.state}>
            <time dateTime={s.at}>{when(s.at)}</time> {say(s.phrase)}
          </li>
        ))}
      </ol>
    </section>
  );
}
