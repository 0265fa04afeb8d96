import type { DuplicateSuggestion as Suggestion } from '@wangge/shared/domain/duplicates';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useActionText } from './action-text';
import type { CaseDetail } from './case-types';
import { useMergeText } from './merge-messages';
import { PhotoStrip } from './PhotoViewer';

/**
 * 并案 on the case detail: a merged case links to its master; a master lists the duplicates
 * merged into it with their photos; the owning desk sees the duplicate suggestions for the
 * case (GET /api/cases/duplicates at its place and category, itself left out) and merges it
 * into one, at the version it sees (POST /api/cases/:id/merge).
 */
export function MergePanel({ kase, onMerged }: { kase: CaseDetail; onMerged(updated: CaseDetail): void }) {
  const { mt, locale } = useMergeText();
  const { state } = useActionText();
  const merge = kase.merge;
  if (!merge) return null;
  return (
    <>
      {merge.mergedInto && (
        <section className="notice warn" data-testid="merged-into" aria-label={mt('mergedInto')}>
          {mt('mergedInto')}{' '}
          <a href={`#/case/${merge.mergedInto.id}`}>
            <strong>{merge.mergedInto.code}</strong> <D>{merge.mergedInto.title}</D>
          </a>{' '}
          ({state(merge.mergedInto.state)}). {mt('mergedIntoHint')}
        </section>
      )}
      {(merge.duplicates.length > 0 || merge.followerCount > 0) && (
        <section className="card" data-testid="merged-duplicates">
          <h2>{mt('duplicates', { n: merge.duplicates.length })}</h2>
          <ul>
            {merge.duplicates.map((d) => (
              <li key={d.id}>
                <a href={`#/case/${d.id}`}>
                  {d.code} <D>{d.title}</D>
                </a>{' '}
                <span className="muted small">{new Date(d.createdAt).toLocaleString(locale)}</span>
                {d.photos.length > 0 && (
                  <PhotoStrip photos={d.photos.map((p) => ({ id: p.id, url: p.url, caption: d.code }))} />
                )}
              </li>
            ))}
          </ul>
          {merge.followerCount > 0 && (
            <p className="muted small">{mt('followers', { n: merge.followerCount })}</p>
          )}
        </section>
      )}
      {merge.canMerge && <MergeSuggestions kase={kase} onMerged={onMerged} />}
    </>
  );
}

function MergeSuggestions({ kase, onMerged }: { kase: CaseDetail; onMerged(updated: CaseDetail): void }) {
  const { mt } = useMergeText();
  const { state } = useActionText();
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [picked, setPicked] = useState<Suggestion | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { lon, lat } = kase.location;
  useEffect(() => {
    let isGone = false;
    api<Suggestion[]>(`/api/cases/duplicates?lon=${lon}&lat=${lat}&categoryCode=${kase.categoryCode}&limit=6`)
      .then((rows) => {
        if (!isGone) setList(rows.filter((r) => r.id !== kase.id));
      })
      .catch(setError);
    return () => {
      isGone = true;
    };
  }, [lon, lat, kase.categoryCode, kase.id]);

  const confirm = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api<CaseDetail>(`/api/cases/${kase.id}/merge`, {
        method: 'POST',
        json: { masterId: picked.id, version: kase.version },
      });
      setPicked(null);
      onMerged(updated);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card merge-suggestions" data-testid="merge-suggestions">
      <h2>{mt('suggestions')}</h2>
      <p className="muted small">{mt('suggestionsHint')}</p>
      <ErrorNotice error={error} testId="merge-error" />
      {list !== null && list.length === 0 && <p className="muted">{mt('noSuggestions')}</p>}
      <ul>
        {(list ?? []).map((s) => (
          <li key={s.id}>
            <a href={`#/case/${s.id}`}>
              {s.code} <D>{s.title}</D>
            </a>{' '}
            <span className="muted small">
              {state(s.state)} · {mt('metresAway', { m: s.distanceMeters })}
              {s.photoIds.length > 0 ? ` · ${mt('photos', { n: s.photoIds.length })}` : ''}
            </span>{' '}
            <button type="button" data-testid="merge-into" onClick={() => setPicked(s)} disabled={busy}>
              {mt('mergeInto')}
            </button>
          </li>
        ))}
      </ul>
      {picked && (
        <fieldset className="confirm">
          <legend>{mt('confirmMerge', { code: kase.code, master: picked.code })}</legend>
          <button
            type="button"
            className="primary"
            data-testid="confirm-merge"
            disabled={busy}
            onClick={confirm}
          >
            {mt('confirm')}
          </button>{' '}
          <button type="button" onClick={() => setPicked(null)} disabled={busy}>
            {mt('cancel')}
          </button>
        </fieldset>
      )}
    </section>
  );
}
