import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { isStale } from '../cases/ActionForm';
import { CheckCompare } from '../cases/CheckCompare';
import type { CaseDetail, CaseSummary } from '../cases/case-types';
import type { Photo } from '../report/compress-image';
import { PhotoField } from '../report/PhotoField';
import { uploadPhoto } from '../report/upload';
import { useCasesText } from './messages';

interface Props {
  kase: CaseSummary;
  onDone(message: string): void;
  onStale(): void;
}

/**
 * 核查通过 / 核查不通过 right from the list: the report and the department's feedback side by side
 * (photos full screen), the worker's own before/after photos, and the case's version.
 */
export function CheckPanel({ kase, onDone, onStale }: Props) {
  const { ct, action } = useCasesText();
  const [mode, setMode] = useState<'CHECK_PASS' | 'CHECK_FAIL' | null>(null);
  const [before, setBefore] = useState<Photo[]>([]);
  const [after, setAfter] = useState<Photo[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  useEffect(() => {
    if (!mode || detail) return;
    api<CaseDetail>(`/api/cases/${kase.id}`).then(setDetail, () => undefined);
  }, [mode, detail, kase.id]);

  const submit = async () => {
    if (!mode) return;
    setReasonMissing(mode === 'CHECK_FAIL' && text.trim().length < 2);
    if (mode === 'CHECK_FAIL' && text.trim().length < 2) return;
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
      setError(e);
      setStale(isStale(e));
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
      {detail && <CheckCompare kase={detail} />}
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
      {reasonMissing && (
        <p className="notice error" role="alert" data-testid="check-error">
          {ct('needReason')}
        </p>
      )}
      <ErrorNotice error={error} testId={stale ? 'check-conflict' : 'check-error'}>
        {stale && (
          <button type="button" className="link" onClick={onStale}>
            {ct('refresh')}
          </button>
        )}
      </ErrorNotice>
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
