import { D } from '../../lib/D';
import { useActionText } from './action-text';
import type { CaseDetail } from './case-types';
import { type Photo, PhotoStrip } from './PhotoViewer';

/**
 * 核查对照: the report (before) beside the departments' feedback (after), with every photo of both
 * in one full-screen viewer. Shown once a department has fed back in the current round.
 */
export function CheckCompare({ kase }: { kase: CaseDetail }) {
  const { locale, action: label } = useActionText();
  const en = locale === 'en';
  const report = kase.events[0];
  // The current round: feedback after the last failed check (a rework starts a new round).
  const lastFail = kase.events.findLastIndex((e) => e.action === 'CHECK_FAIL');
  // The lead's feedback and each co-handler's own part (协办反馈).
  const feedbacks = kase.events
    .slice(lastFail + 1)
    .filter((e) => e.action === 'FEEDBACK' || e.action === 'CO_FEEDBACK');
  if (!report || feedbacks.length === 0) return null;
  const photos = (e: CaseDetail['events'][number], caption: string): Photo[] =>
    e.attachments.map((a, i) => ({ id: a.id, url: a.url, caption: `${caption} ${i + 1}` }));
  const beforeCaption = en ? 'Before (report)' : '整改前（上报）';
  const afterCaption = en ? 'After (feedback)' : '整改后（反馈）';
  const all = [...photos(report, beforeCaption), ...feedbacks.flatMap((f) => photos(f, afterCaption))];
  const dept = (id: string | null) => (id ? (kase.names.departments[id] ?? '') : '');
  return (
    <section className="card check-compare" data-testid="check-compare">
      <h2>{en ? 'Report and feedback' : '上报与反馈对照'}</h2>
      <div className="compare-grid">
        <div data-testid="compare-before">
          <h3>{beforeCaption}</h3>
          <p>
            <D>{kase.description}</D>
          </p>
          {report.attachments.length > 0 ? (
            <PhotoStrip photos={photos(report, beforeCaption)} all={all} />
          ) : (
            <p className="muted">{en ? 'No photo' : '无照片'}</p>
          )}
        </div>
        <div data-testid="compare-after">
          <h3>{afterCaption}</h3>
          {feedbacks.map((f) => (
            <div key={f.seq}>
              <p>
                <strong>
                  <D>{dept(f.actorDepartmentId)}</D> · {label(f.action)}
                </strong>
                {typeof f.payload?.note === 'string' && <D>{` ${f.payload.note}`}</D>}
              </p>
              {f.attachments.length > 0 ? (
                <PhotoStrip photos={photos(f, afterCaption)} all={all} />
              ) : (
                <p className="muted">{en ? 'No photo' : '无照片'}</p>
              )}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
