import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { LanguageToggle } from '../../i18n/LanguageToggle';
import { D } from '../../lib/D';
import { useRealtime } from '../../lib/realtime';
import { useAuth } from '../auth/auth';
import { NotificationBell } from '../notifications/NotificationBell';
import { NavVisitCount } from '../register/NavVisitCount';
import { useRegisterNav } from '../register/use-register-nav';
import { NAV_BY_ROLE } from './navigation';

/** Header with the user, connection state, language switch and the role's screens. */
export function Shell({ route, children }: { route: string; children: ReactNode }) {
  const { t } = useI18n();
  const { me, signOut } = useAuth();
  const { connected } = useRealtime();
  const extraNav = useRegisterNav(me);
  if (!me) return null;
  return (
    <div className="shell">
      <header className="topbar">
        <strong>{t('appName')}</strong>
        <nav aria-label={t('nav.label')}>
          {[...(NAV_BY_ROLE[me.role] ?? []), ...extraNav].map((n) => (
            <a key={n.route} href={`#/${n.route}`} aria-current={route === n.route ? 'page' : undefined}>
              {t(n.label)}
              {n.route === 'visits' && <NavVisitCount />}
            </a>
          ))}
        </nav>
        <NotificationBell />
        <span className={connected ? 'status ok' : 'status off'} data-testid="connection">
          {connected ? t('online') : t('offline')}
        </span>
        <a
          className="who"
          href="#/account"
          title={t('nav.account')}
          aria-current={route === 'account' ? 'page' : undefined}
        >
          <D>{me.displayName}</D> · {t(`role.${me.role}` as 'role.ADMIN')}
        </a>
        <LanguageToggle />
        <button type="button" className="link" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
