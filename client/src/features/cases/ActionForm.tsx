import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiError, api } from '../../lib/api';
import { uploadAttachment } from '../../lib/photos';
import { ACTION_FIELDS, RETURN_REASON_LABELS } from './action-fields';

interface Department {
  id: string;
  name: string;
  unitCode: string;
}

/** The inputs of one workflow action, then POST /api/cases/:id/actions with the case version. */
export function ActionForm(props: {
  caseId: string;
  version: number;
  action: string;
  onDone: (updated: unknown) => void;
  onCancel: () => void;
}) {
  const { t, action: label, locale } = useI18n();
  const fields = ACTION_FIELDS[props.action] ?? {};
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [lead, setLead] = useState('');
  const [others, setOthers] = useState<string[]>([]);
  const [days, setDays] = useState(3);
  const [reasonCode, setReasonCode] = useState('NOT_OUR_REMIT');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (fields.departments) void api<Department[]>('/api/departments').then(setDepartments);
  }, [fields.departments]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const attachmentIds = [];
      for (const f of files) attachmentIds.push(await uploadAttachment(f, f.name));
      const body: Record<string, unknown> = { action: props.action, version: props.version };
      if (fields.reason) body.reason = reason;
      if (fields.note && note) body.note = note;
      if (attachmentIds.length > 0) body.attachmentIds = attachmentIds;
      if (fields.departments === 'dispatch')
        Object.assign(body, { leadDepartmentId: lead, coDepartmentIds: others });
      if (fields.departments === 'whistle') body.departmentIds = others;
      if (fields.days) body.days = days;
      if (fields.reasonCode) body.reasonCode = reasonCode;
      props.onDone(await api(`/api/cases/${props.caseId}/actions`, { method: 'POST', json: body }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'VERSION_CONFLICT') {
        setError(
          locale === 'en' ? 'Someone else updated the case; reload it.' : '案件已被他人更新，请刷新后再操作',
        );
      } else if (err instanceof ApiError && err.details.length > 0) {
        setError(`${err.message} ${err.details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string) => setOthers((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  return (
    <form className="card action-form" onSubmit={submit} data-action={props.action}>
      <h3>{label(props.action)}</h3>
      {fields.departments === 'dispatch' && (
        <label>
          {locale === 'en' ? 'Lead department' : '主办部门'}
          <select name="leadDepartmentId" value={lead} onChange={(e) => setLead(e.target.value)} required>
            <option value="" />
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {fields.departments && (
        <fieldset>
          <legend>
            {fields.departments === 'whistle'
              ? locale === 'en'
                ? 'Departments to call'
                : '吹哨部门'
              : locale === 'en'
                ? 'Co-handlers'
                : '协办部门'}
          </legend>
          {departments
            .filter((d) => d.id !== lead)
            .map((d) => (
              <label key={d.id} className="inline">
                <input type="checkbox" checked={others.includes(d.id)} onChange={() => toggle(d.id)} />{' '}
                {d.name}
              </label>
            ))}
        </fieldset>
      )}
      {fields.reasonCode && (
        <label>
          {locale === 'en' ? 'Reason code' : '退回原因'}
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
          {locale === 'en' ? 'Working days' : '延期工作日'}
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
          {locale === 'en' ? 'Reason' : '理由'}
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
          {locale === 'en' ? 'Note' : '说明'}
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
          {locale === 'en' ? 'Photos' : '照片'}
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
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={busy} data-testid="action-submit">
          {t('submit')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
