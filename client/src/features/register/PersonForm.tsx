import { PERSON_CLASSES, RESIDENCE_KINDS } from '@wangge/shared/register/classes';
import { idNumberProblems, MOBILE_PATTERN, normalisePhone } from '@wangge/shared/register/id-number';
import { useState } from 'react';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from '../auth/auth';
import { shanghaiToday } from '../metrics/metrics-api';
import { useRegText } from './messages';
import { classesForRole, type Person } from './register-api';

/** The shared validator's problem (English, for the server's log) as one of our phrases. */
const idProblemKey = (m: string) =>
  m.includes('18 characters')
    ? 'idShape'
    : m.includes('area code')
      ? 'idArea'
      : m.includes('check digit')
        ? 'idCheck'
        : 'idBirth';

type Draft = {
  name: string;
  idNumber: string;
  phone: string;
  gridCode: string;
  residence: string;
  tags: string[];
};

/**
 * Records a person (no `person`) or changes one (the ID number stays). Checked on the device
 * with the server's own rules (shared/src/register: GB 11643 check digit, mobile pattern);
 * the server's 400 list is shown as it comes.
 */
export function PersonForm({
  person,
  onSubmit,
  onCancel,
}: {
  person?: Person;
  onSubmit(body: Record<string, unknown>): Promise<void>;
  onCancel?(): void;
}) {
  const { me } = useAuth();
  const { rt, className } = useRegText();
  const role = me?.role ?? '';
  const offered = classesForRole(role);
  const [d, setD] = useState<Draft>({
    name: person?.name ?? '',
    idNumber: '',
    phone: '',
    gridCode: person?.gridCode ?? me?.gridCodes[0] ?? '',
    residence: person?.residence ?? 'HOUSEHOLD',
    tags: person?.tags.map((t) => t.code) ?? [],
  });
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string[]>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft, v: string | string[]) => setD((x) => ({ ...x, [k]: v }));

  const check = () => {
    const p: Partial<Record<keyof Draft, string[]>> = {};
    if (!d.name.trim()) p.name = [rt('needName')];
    if (!person) {
      const id = idNumberProblems(d.idNumber, shanghaiToday(new Date()));
      if (id.length) p.idNumber = id.map(idProblemKey).map((k) => rt(k));
    }
    if (d.phone.trim() && !MOBILE_PATTERN.test(normalisePhone(d.phone))) p.phone = [rt('badPhone')];
    if (!/^\d{15}$/.test(d.gridCode)) p.gridCode = [rt('needCell')];
    return p;
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) return;
    setBusy(true);
    setError(null);
    // Classes the caller cannot see are not in the form: the server keeps them.
    const tags = d.tags.filter((t) => offered.some((c) => c.code === t));
    const body: Record<string, unknown> = person
      ? {
          version: person.version,
          name: d.name.trim(),
          gridCode: d.gridCode,
          residence: d.residence,
          tags,
          ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
        }
      : {
          name: d.name.trim(),
          idNumber: d.idNumber.trim(),
          gridCode: d.gridCode,
          residence: d.residence,
          tags,
          ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
        };
    try {
      await onSubmit(body);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (k: keyof Draft) =>
    problems[k]?.length ? (
      <span className="field-error" role="alert" data-testid={`problem-${k}`}>
        {problems[k]!.join('；')}
      </span>
    ) : null;
  const cells = me?.gridCodes.length ? me.gridCodes : null;
  return (
    <form className="reg-form" onSubmit={(e) => void submit(e)} noValidate data-testid="person-form">
      <ErrorNotice error={error} />
      <label>
        {rt('name')}
        <input name="name" value={d.name} maxLength={50} onChange={(e) => set('name', e.target.value)} />
        {fieldError('name')}
      </label>
      {!person && (
        <label>
          {rt('idNumber')}
          <input
            name="idNumber"
            autoComplete="off"
            maxLength={18}
            value={d.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
          />
          {fieldError('idNumber')}
        </label>
      )}
      <label>
        {rt('phone')}
        <input
          name="phone"
          inputMode="tel"
          autoComplete="off"
          placeholder={person?.phoneMasked ?? ''}
          value={d.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
        {fieldError('phone')}
      </label>
      {cells ? (
        <label>
          {rt('cell')}
          <select name="gridCode" value={d.gridCode} onChange={(e) => set('gridCode', e.target.value)}>
            {cells.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {rt('cell')}
          <input
            name="gridCode"
            inputMode="numeric"
            placeholder={rt('cellHint')}
            value={d.gridCode}
            onChange={(e) => set('gridCode', e.target.value.trim())}
          />
          {fieldError('gridCode')}
        </label>
      )}
      <label>
        {rt('residence')}
        <select name="residence" value={d.residence} onChange={(e) => set('residence', e.target.value)}>
          {RESIDENCE_KINDS.map((r) => (
            <option key={r} value={r}>
              {rt(`res.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{rt('classes')}</legend>
        {PERSON_CLASSES.filter((c) => offered.includes(c)).map((c) => (
          <label key={c.code}>
            <input
              type="checkbox"
              name="tags"
              value={c.code}
              checked={d.tags.includes(c.code)}
              onChange={(e) =>
                set('tags', e.target.checked ? [...d.tags, c.code] : d.tags.filter((t) => t !== c.code))
              }
            />
            {className(c.code)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="person-save">
          {busy ? rt('sending') : rt('save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {rt('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
