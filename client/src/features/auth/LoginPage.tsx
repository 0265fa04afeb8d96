import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { LanguageToggle } from '../../i18n/LanguageToggle';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from './auth';

export function LoginPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="login">
      <form onSubmit={submit} className="card" aria-label={t('signIn')}>
        <h1>{t('appName')}</h1>
        <p className="muted">{t('cityName')}</p>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorNotice error={error} testId="login-error" />
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
        <LanguageToggle />
      </form>
    </main>
  );
}
