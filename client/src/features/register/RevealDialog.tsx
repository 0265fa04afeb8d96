import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useRegText } from './messages';
import { revealPerson } from './register-api';

/**
 * 查看完整信息: asks why (required, logged by the server before it answers), then shows the full
 * ID number and mobile in the dialog only. The values live in this component's state: nothing
 * caches them, and closing the dialog drops them.
 */
export function RevealDialog({ personId, onClose }: { personId: string; onClose(): void }) {
  const { rt } = useRegText();
  const ref = useRef<HTMLDialogElement>(null);
  const [purpose, setPurpose] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [values, setValues] = useState<{ idNumber: string | null; phone: string | null } | null>(null);
  useEffect(() => {
    ref.current?.showModal();
    return () => setValues(null);
  }, []);
  const close = () => {
    setValues(null);
    ref.current?.close();
    onClose();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (purpose.trim().length < 2) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      setValues(await revealPerson(personId, purpose.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="reveal-dialog"
      aria-labelledby="reveal-title"
      data-testid="reveal-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="reveal-title">{rt('revealTitle')}</h2>
      {values ? (
        <dl className="reg-record" data-testid="revealed">
          <dt>{rt('idNumber')}</dt>
          <dd className="revealed">{values.idNumber ?? '—'}</dd>
          <dt>{rt('phone')}</dt>
          <dd className="revealed">{values.phone ?? '—'}</dd>
        </dl>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p className="muted small">{rt('revealNote')}</p>
          <ErrorNotice error={error} />
          <label>
            {rt('purpose')}
            <textarea
              name="purpose"
              rows={2}
              maxLength={500}
              placeholder={rt('purposeHint')}
              value={purpose}
              aria-invalid={invalid || undefined}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </label>
          {invalid && (
            <p className="error small" role="alert" data-testid="need-purpose">
              {rt('needPurpose')}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="reveal-submit">
            {busy ? rt('sending') : rt('showFull')}
          </button>
        </form>
      )}
      <button type="button" onClick={close} data-testid="reveal-close">
        {rt('close')}
      </button>
    </dialog>
  );
}
