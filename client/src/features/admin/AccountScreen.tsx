import { PASSWORD_MIN_LENGTH, passwordProblems } from '@wangge/shared/schemas/auth-password';
import { type FormEvent, useState } from 'react';
import { api } from '../../lib/api';
import { inLocale } from '../../lib/describe-error';
import { useAuth } from '../auth/auth';
import { FormErrors } from './FormErrors';
import { useAdminText } from './messages';
import './admin.css';

/** 账号安全 (every user): 修改密码 and 退出所有设备. */
export function AccountScreen(_props: { params: string[] }) {
  const { at, locale } = useAdminText();
  const { me, forgetSession } = useAuth();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  // The length and username rules as the user types (the common-password list is the server's).
  const local = newPassword ? passwordProblems(newPassword, { username: me?.username }) : [];
  async function change(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    try {
      await api('/api/auth/password', { method: 'POST', json: { currentPassword, newPassword } });
      setCurrent('');
      setNew('');
      setError(null);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function everywhere() {
    try {
      await api('/api/auth/logout-all', { method: 'POST' });
      forgetSession();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="admin account">
      <h1>{at('accountTitle')}</h1>
      <form className="card" onSubmit={change} aria-label={at('changePassword')}>
        <h2>{at('changePassword')}</h2>
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me?.username ?? ''}
          readOnly
          hidden
        />
        <label>
          {at('currentPassword')}
          <input
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {at('newPassword')}
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            required
          />
        </label>
        <p className="muted">{at('policyHint')}</p>
        {local.length > 0 && (
          <ul className="error">
            {local.map((p) => (
              <li key={p.code}>{inLocale(p.message, locale) ?? p.message}</li>
            ))}
          </ul>
        )}
        <FormErrors error={error} />
        {done && <p role="status">{at('changed')}</p>}
        <button type="submit" disabled={busy || local.length > 0}>
          {at('changePassword')}
        </button>
      </form>
      <section className="card">
        <h2>{at('signOutEverywhere')}</h2>
        <p className="muted">{at('signOutEverywhereHint')}</p>
        <button type="button" className="danger" onClick={() => void everywhere()}>
          {at('signOutEverywhere')}
        </button>
      </section>
    </div>
  );
}
