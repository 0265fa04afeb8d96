import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../lib/api';
import { useAuth } from './auth';

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401 ? t('wrongCredentials') : (err as Error).message,
      );
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
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
        <button type="button" className="link" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
