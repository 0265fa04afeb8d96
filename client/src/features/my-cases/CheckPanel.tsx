import { useState } from 'react';
import { ApiError, api } from '../../lib/api';
import type { Photo } from '../report/compress-image';
import { PhotoField } from '../report/PhotoField';
import { uploadPhoto } from '../report/upload';
import type { CaseSummary } from './case-summary';
import { useCasesText } from './messages';

interface Props {
  kase: CaseSummary;
  onDone(message: string): void;
  onStale(): void;
}

/** 核查通过 / 核查不通过 right from the list, with before/after photos and the case's version. */
export function CheckPanel({ kase, onDone, onStale }: Props) {
  const { ct, action } = useCasesText();
  const [mode, setMode] = useState<'CHECK_PASS' | 'CHECK_FAIL' | null>(null);
  const [before, setBefore] = useState<Photo[]>([]);
  const [after, setAfter] = useState<Photo[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict?: boolean } | null>(null);

  const submit = async () => {
    if (!mode) return;
    if (mode === 'CHECK_FAIL' && text.trim().length < 2) return setError({ message: ct('needReason') });
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: string[] = [];
      for (const [i, p] of before.entries())
        attachmentIds.push(await uploadPhoto(p.blob, `整改前-${i + 1}.jpg`));
      for (const [i, p] of after.entries())
        attachmentIds.push(await uploadPhoto(p.blob, `整改后-${i + 1}.jpg`));
      const extra =
        mode === 'CHECK_FAIL' ? { reason: text.trim() } : text.trim() ? { note: text.trim() } : {};
      await api(`/api/cases/${kase.id}/actions`, {
        method: 'POST',
        json: {
          action: mode,
          version: kase.version,
          ...extra,
          ...(attachmentIds.length ? { attachmentIds } : {}),
        },
      });
      onDone(`${ct('checked')}${kase.code} · ${action(mode)}`);
      setMode(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setError({ message: ct('conflict'), conflict: true });
      else if (e instanceof ApiError && e.status === 0) setError({ message: ct('offline') });
      else if (e instanceof ApiError)
        setError({ message: [e.message, ...e.details.map((d) => `${d.path} ${d.message}`)].join('；') });
      else setError({ message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  if (!mode)
    return (
      <div className="check-buttons">
        <button
          type="button"
          className="primary"
          data-testid="check-pass"
          onClick={() => setMode('CHECK_PASS')}
        >
          {ct('pass')}
        </button>
        <button type="button" data-testid="check-fail" onClick={() => setMode('CHECK_FAIL')}>
          {ct('fail')}
        </button>
      </div>
    );
  return (
    <div className="check-panel" data-testid="check-panel">
      <strong>{mode === 'CHECK_PASS' ? ct('pass') : ct('fail')}</strong>
      <PhotoField photos={before} onChange={setBefore} max={4} testId="before-photos" label={ct('before')} />
      <PhotoField photos={after} onChange={setAfter} max={5} testId="after-photos" label={ct('after')} />
      <label>
        {mode === 'CHECK_FAIL' ? ct('reason') : ct('note')}
        <textarea
          name={mode === 'CHECK_FAIL' ? 'reason' : 'note'}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid={error.conflict ? 'check-conflict' : 'check-error'}>
          {error.message}{' '}
          {error.conflict && (
            <button type="button" className="link" onClick={onStale}>
              {ct('refresh')}
            </button>
          )}
        </p>
      )}
      <div className="check-buttons">
        <button
          type="button"
          className="primary"
          onClick={submit}
          disabled={busy}
          data-testid="check-confirm"
        >
          {busy ? ct('sending') : ct('confirm')}
        </button>
        <button type="button" onClick={() => setMode(null)} disabled={busy}>
          {ct('cancel')}
        </button>
      </div>
    </div>
  );
}
