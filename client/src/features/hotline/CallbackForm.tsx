import { type FormEvent, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { ApiError, api } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { HOTLINE_EN, HOTLINE_ZH } from './messages';
import './hotline.css';

const RATINGS = ['SATISFIED', 'BASIC', 'DISSATISFIED'] as const;
type Rating = (typeof RATINGS)[number];

/**
 * 记录回访: the caller's rating (满意 / 基本满意 / 不满意), whether they say the problem is solved,
 * and a note — sent as CALLBACK_SATISFIED (rating SATISFIED or BASIC: archived) or
 * CALLBACK_DISSATISFIED (reopened at the level that closed it), at the case's current version.
 */
export function CallbackForm(props: {
  caseId: string;
  code: string;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { text } = useTable(HOTLINE_ZH, HOTLINE_EN);
  const [rating, setRating] = useState<Rating | ''>('');
  const [resolved, setResolved] = useState(true);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = [
      ...(rating ? [] : [{ path: 'rating', message: text('rating') }]),
      ...(rating === 'DISSATISFIED' && note.trim().length < 2
        ? [{ path: 'reason', message: text('needNote') }]
        : []),
    ];
    if (problems.length > 0) {
      setError(new ApiError(400, 'VALIDATION_FAILED', text('record'), problems));
      return;
    }
    setBusy(true);
    try {
      const { version } = await api<{ version: number }>(`/api/cases/${props.caseId}`);
      const body =
        rating === 'DISSATISFIED'
          ? { action: 'CALLBACK_DISSATISFIED', version, reason: note.trim(), resolved }
          : {
              action: 'CALLBACK_SATISFIED',
              version,
              rating,
              resolved,
              ...(note.trim() ? { note: note.trim() } : {}),
            };
      await api(`/api/cases/${props.caseId}/actions`, { method: 'POST', json: body });
      props.onDone(text('saved', { code: props.code, rating: text(rating as Rating) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card callback-form" data-testid="callback-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{text('rating')}</legend>
        <div className="segmented">
          {RATINGS.map((r) => (
            <label key={r} className={rating === r ? 'on' : ''}>
              <input
                type="radio"
                name="rating"
                value={r}
                checked={rating === r}
                onChange={() => {
                  setRating(r);
                  setResolved(r !== 'DISSATISFIED');
                }}
              />
              {text(r)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          name="resolved"
          checked={resolved}
          onChange={(e) => setResolved(e.target.checked)}
        />
        {text('resolved')}
      </label>
      <label>
        <span className="field-label">{text('note')}</span>
        <textarea
          name="note"
          rows={3}
          placeholder={text('noteHint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <ErrorNotice error={error} testId="callback-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {text('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {text('cancel')}
        </button>
      </div>
    </form>
  );
}
