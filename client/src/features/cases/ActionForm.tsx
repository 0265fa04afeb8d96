import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../lib/api';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { uploadAttachment } from '../../lib/photos';
import { useDepartments } from '../../lib/reference';
import { ACTION_FIELDS, isOneClick, RETURN_REASON_LABELS } from './action-fields';
import { useActionText } from './action-text';
import type { CaseDetail } from './case-types';
import { DepartmentPicker } from './DepartmentPicker';

/** Errors that mean the case moved on under this form: close it and show the case as it is now. */
export const isStale = (e: unknown) =>
  e instanceof ApiError && (e.status === 409 || e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND');

/**
 * The inputs of one workflow action, then POST /api/cases/:id/actions with the case version.
 * An action without inputs asks for confirmation first; a stale case closes the form (onStale).
 */
export function ActionForm(props: {
  kase: CaseDetail;
  action: string;
  onDone: (updated: CaseDetail) => void;
  onStale: (error: unknown) => void;
  onCancel: () => void;
}) {
  const { t, action: label, locale, at } = useActionText();
  const { kase } = props;
  const fields = ACTION_FIELDS[props.action] ?? {};
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const departments = useDepartments(Boolean(fields.departments));
  const [lead, setLead] = useState('');
  const [others, setOthers] = useState<string[]>([]);
  const [days, setDays] = useState(3);
  const [reasonCode, setReasonCode] = useState('NOT_OUR_REMIT');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Dispatching outside the owning level's own departments needs a second, deliberate press.
  const leadUnit = departments.find((d) => d.id === lead)?.unitCode;
  const outside =
    fields.departments === 'dispatch' && leadUnit !== undefined && leadUnit !== kase.ownerUnitCode;
  const [outsideConfirmed, setOutsideConfirmed] = useState<string | null>(null);
  const ownerName = kase.names.units[kase.ownerUnitCode] ?? kase.ownerUnitCode;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (outside && outsideConfirmed !== lead) {
      setOutsideConfirmed(lead);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const attachmentIds = [];
      for (const f of files) attachmentIds.push(await uploadAttachment(f, f.name));
      const body: Record<string, unknown> = { action: props.action, version: kase.version };
      if (fields.reason) body.reason = reason;
      if (fields.note && note) body.note = note;
      if (attachmentIds.length > 0) body.attachmentIds = attachmentIds;
      if (fields.departments === 'dispatch')
        Object.assign(body, { leadDepartmentId: lead, coDepartmentIds: others });
      if (fields.departments === 'whistle') body.departmentIds = others;
      if (fields.days) body.days = days;
      if (fields.reasonCode) body.reasonCode = reasonCode;
      props.onDone(await api<CaseDetail>(`/api/cases/${kase.id}/actions`, { method: 'POST', json: body }));
    } catch (err) {
      if (isStale(err)) props.onStale(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const oneClick = isOneClick(props.action);
  const warn = outside && outsideConfirmed === lead;
  return (
    <form
      className="card action-form"
      onSubmit={submit}
      data-action={props.action}
      aria-labelledby="action-form-title"
    >
      <h2 id="action-form-title">
        {oneClick ? at('confirmQuestion', { action: label(props.action) }) : label(props.action)}
      </h2>
      {oneClick && <p className="muted">{at('irreversible')}</p>}
      {fields.departments && (
        <DepartmentPicker
          kase={kase}
          mode={fields.departments}
          departments={departments}
          lead={lead}
          onLead={setLead}
          others={others}
          onOthers={setOthers}
        />
      )}
      {fields.reasonCode && (
        <label>
          {at('reasonCode')}
          <select name="reasonCode" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
            {Object.entries(RETURN_REASON_LABELS).map(([code, [zh, en]]) => (
              <option key={code} value={code}>
                {locale === 'en' ? en : zh}
              </option>
            ))}
          </select>
        </label>
      )}
      {fields.days && (
        <label>
          {at('workingDays')}
          <input
            name="days"
            type="number"
            min={1}
            max={10}
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </label>
      )}
      {fields.reason && (
        <label>
          {at('reason')}
          <textarea
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={2}
          />
        </label>
      )}
      {fields.note && (
        <label>
          {at('note')}
          <textarea
            name="note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            required={fields.note === 'required'}
            minLength={fields.note === 'required' ? 2 : 0}
          />
        </label>
      )}
      {fields.photos && (
        <label>
          {at('photos')}
          <input
            name="photos"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            required={fields.photos === 'required'}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
      )}
      {warn && (
        <div className="notice warn" role="alert" data-testid="outside-warning">
          {at('outsideWarning', { unit: ownerName })}
        </div>
      )}
      <ErrorNotice error={error} testId="action-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="action-submit">
          {warn
            ? at('dispatchAnyway')
            : oneClick
              ? at('confirmButton', { action: label(props.action) })
              : t('submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
