import { ROLES } from '@wangge/shared/domain/constants';
import { PASSWORD_MIN_LENGTH, passwordLength } from '@wangge/shared/schemas/auth-password';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { FormErrors } from './FormErrors';
import { useAdminText } from './messages';
import './admin.css';
import { D } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';

interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitCode: string | null;
  departmentId: string | null;
  gridCodes: string[];
  isActive: boolean;
}
interface Page {
  items: Account[];
  nextCursor: string | null;
}

/** 用户管理: list (role / unit / text), create, disable / enable, reset password. ADMIN only. */
export function UsersScreen(_props: { params: string[] }) {
  const { t } = useI18n();
  const { at } = useAdminText();
  const [role, setRole] = useState('');
  const [unit, setUnit] = useState('');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Account[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      const params = new URLSearchParams({ limit: '50' });
      if (role) params.set('role', role);
      if (/^\d{12}$/.test(unit)) params.set('unit', unit);
      if (q.trim()) params.set('q', q.trim());
      if (after) params.set('cursor', after);
      try {
        const page = await api<Page>(`/api/admin/users?${params}`);
        setRows((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e);
      }
    },
    [role, unit, q],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  async function setActive(u: Account, active: boolean) {
    if (!active && !window.confirm(at('confirmDisable'))) return;
    try {
      await api(`/api/admin/users/${u.id}/${active ? 'enable' : 'disable'}`, { method: 'POST' });
      setNotice(at('saved'));
      await load(null);
    } catch (e) {
      setError(e);
    }
  }
  async function resetPassword(u: Account) {
    const password = window.prompt(`${at('resetPassword')} · ${u.username}\n${at('policyHint')}`);
    if (!password) return;
    try {
      const r = await api<{ revokedSessions: number }>(`/api/admin/users/${u.id}/reset-password`, {
        method: 'POST',
        json: { password },
      });
      setNotice(`${at('saved')} · ${at('revoked')}${r.revokedSessions}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="admin">
      <h1>{at('usersTitle')}</h1>
      <div className="row admin-filters">
        <label>
          {at('filterRole')}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{at('any')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as 'role.ADMIN')}
              </option>
            ))}
          </select>
        </label>
        <label>
          {at('filterUnit')}
          <input value={unit} inputMode="numeric" maxLength={12} onChange={(e) => setUnit(e.target.value)} />
        </label>
        <label>
          {at('search')}
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <FormErrors error={error} />
      <ScrollRegion label={at('usersTitle')}>
        <table className="admin-table">
          <thead>
            <tr>
              <th>{at('username')}</th>
              <th>{at('displayName')}</th>
              <th>{at('role')}</th>
              <th>{at('unit')}</th>
              <th>{at('status')}</th>
              <th>{at('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className={u.isActive ? undefined : 'inactive'}>
                <td>
                  <D>{u.username}</D>
                </td>
                <td>
                  <D>{u.displayName}</D>
                </td>
                <td>{t(`role.${u.role}` as 'role.ADMIN')}</td>
                <td>
                  <D>{u.departmentId ?? u.unitCode}</D>
                  {u.gridCodes.length > 0 && (
                    <small>
                      {' · '}
                      <D>{u.gridCodes.join(', ')}</D>
                    </small>
                  )}
                </td>
                <td>{u.isActive ? at('active') : at('disabled')}</td>
                <td className="admin-actions">
                  <button type="button" className="link" onClick={() => void setActive(u, !u.isActive)}>
                    {u.isActive ? at('disable') : at('enable')}
                  </button>
                  <button type="button" className="link" onClick={() => void resetPassword(u)}>
                    {at('resetPassword')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {at('more')}
        </button>
      )}
      <CreateUserForm
        onCreated={(u) => {
          setNotice(`${at('created')}: ${u.username}`);
          void load(null);
        }}
      />
    </div>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (u: Account) => void }) {
  const { t } = useI18n();
  const { at } = useAdminText();
  const empty = {
    username: '',
    displayName: '',
    password: '',
    role: 'STATION_OPERATOR',
    unitCode: '',
    departmentId: '',
    gridCodes: '',
    phone: '',
  };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const cells = form.gridCodes.split(/[\s,，]+/).filter(Boolean);
      const account = await api<Account>('/api/admin/users', {
        method: 'POST',
        json: {
          username: form.username,
          displayName: form.displayName,
          password: form.password,
          role: form.role,
          ...(form.unitCode ? { unitCode: form.unitCode } : {}),
          ...(form.departmentId ? { departmentId: form.departmentId } : {}),
          ...(cells.length ? { gridCodes: cells } : {}),
          ...(form.phone ? { phone: form.phone } : {}),
        },
      });
      setForm(empty);
      setError(null);
      onCreated(account);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const short = form.password !== '' && passwordLength(form.password) < PASSWORD_MIN_LENGTH;
  return (
    <form className="card admin-create" onSubmit={submit} aria-label={at('create')}>
      <h2>{at('create')}</h2>
      <label>
        {at('username')}
        <input name="username" value={form.username} onChange={set('username')} required autoComplete="off" />
      </label>
      <label>
        {at('displayName')}
        <input name="displayName" value={form.displayName} onChange={set('displayName')} required />
      </label>
      <label>
        {at('role')}
        <select name="role" value={form.role} onChange={set('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as 'role.ADMIN')}
            </option>
          ))}
        </select>
      </label>
      {form.role === 'GRID_WORKER' ? (
        <label>
          {at('gridCodes')}
          <input name="gridCodes" value={form.gridCodes} onChange={set('gridCodes')} />
        </label>
      ) : form.role === 'DEPT_STAFF' ? (
        <label>
          {at('department')}
          <input name="departmentId" value={form.departmentId} onChange={set('departmentId')} />
        </label>
      ) : (
        <label>
          {at('unit')}
          <input name="unitCode" value={form.unitCode} onChange={set('unitCode')} inputMode="numeric" />
        </label>
      )}
      <label>
        {at('phone')}
        <input name="phone" value={form.phone} onChange={set('phone')} />
      </label>
      <label>
        {at('newPassword')}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          required
        />
      </label>
      <p className={short ? 'error' : 'muted'}>{at('policyHint')}</p>
      <FormErrors error={error} />
      <button type="submit" disabled={busy}>
        {at('create')}
      </button>
    </form>
  );
}
