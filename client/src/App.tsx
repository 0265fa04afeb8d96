import { AuthProvider, useAuth } from './features/auth/auth';
import { LoginPage } from './features/auth/LoginPage';
import { PublicApp } from './features/citizens/PublicApp';
import { NAV_BY_ROLE } from './features/shell/navigation';
import { Shell } from './features/shell/Shell';
import { I18nProvider, useI18n } from './i18n/i18n';
import { RealtimeProvider } from './lib/realtime';
import { useRoute } from './lib/router';
import { BARE_SCREENS, SCREENS } from './screens';

function Screens() {
  const { me, ready } = useAuth();
  const { t } = useI18n();
  const [first = '', ...rest] = useRoute();
  // The citizens' public pages need no account (docs/channels.md, "Citizens").
  if (first === 'public') return <PublicApp params={rest} />;
  if (!ready) return <p className="center">{t('loading')}</p>;
  if (!me) return <LoginPage />;
  const home = NAV_BY_ROLE[me.role]?.[0]?.route ?? 'map';
  const name = SCREENS[first] ? first : home;
  const Screen = SCREENS[name]!;
  return (
    <RealtimeProvider userId={me.id}>
      {BARE_SCREENS.has(name) ? (
        <Screen params={rest} />
      ) : (
        <Shell route={name}>
          <Screen params={rest} />
        </Shell>
      )}
    </RealtimeProvider>
  );
}

/** The web client: sign-in, then the screens of the user's role. */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Screens />
      </AuthProvider>
    </I18nProvider>
  );
}
