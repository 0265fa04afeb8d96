import type { DuplicateSuggestion as Suggestion } from '@wangge/shared/domain/duplicates';
import type { TLocation } from '@wangge/shared/schemas/common';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useReportText } from './messages';

/**
 * 并案提示: open cases of the chosen category near the chosen point (GET /api/cases/duplicates),
 * shown before the report is sent, so the reporter sees the incident may already be reported.
 * Offline or on an error it shows nothing: reporting never waits for it.
 */
export function DuplicateHints({
  categoryCode,
  point,
  onAttach,
  busy = false,
}: {
  categoryCode: string;
  point: TLocation | null;
  /** 附加到此案件: send the draft as a supplementary report of this case instead of a new one. */
  onAttach?: (s: Suggestion) => void;
  busy?: boolean;
}) {
  const { rt, state } = useReportText();
  const [hints, setHints] = useState<Suggestion[] | null>(null);
  useEffect(() => {
    setHints(null);
    if (!categoryCode || !point) return;
    let isGone = false;
    const timer = setTimeout(() => {
      api<Suggestion[]>(
        `/api/cases/duplicates?lon=${point.lon}&lat=${point.lat}&categoryCode=${categoryCode}`,
      )
        .then((list) => {
          if (!isGone) setHints(list);
        })
        .catch(() => {}); // offline: the report goes to the outbox as ever
    }, 300);
    return () => {
      isGone = true;
      clearTimeout(timer);
    };
  }, [categoryCode, point]);
  if (!hints || hints.length === 0) return null;
  return (
    <section className="notice warn duplicate-hints" data-testid="duplicate-hints" aria-live="polite">
      <p>{rt('duplicatesFound', { n: hints.length })}</p>
      <ul>
        {hints.map((s) => (
          <li key={s.id}>
            <a href={`#/case/${s.id}`}>
              {s.code} · {s.title}
            </a>{' '}
            <span className="muted small">
              {state(s.state)} · {rt('metresAway', { m: s.distanceMeters })}
              {s.photoIds.length > 0 ? ` · ${s.photoIds.length} ${rt('photoCount')}` : ''}
            </span>
            {onAttach && (
              <button
                type="button"
                className="attach-to-case"
                data-testid="attach-to-case"
                disabled={busy}
                onClick={() => onAttach(s)}
              >
                {busy ? rt('attaching') : rt('attachToCase')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">{rt('duplicatesHint')}</p>
    </section>
  );
}

export type { Suggestion };
