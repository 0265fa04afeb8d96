import { LanguageToggle } from '../../i18n/LanguageToggle';
import { useCitizenText } from './messages';
import { PublicReportPage } from './PublicReportPage';
import { TrackPage } from './TrackPage';
import './citizens.css';

/**
 * The citizens' public pages, outside the signed-in shell (no account, no token needed):
 * `#/public/report` and `#/public/track/<code>`.
 */
export function PublicApp({ params }: { params: string[] }) {
  const { ct } = useCitizenText();
  const [page, code] = params;
  return (
    <div className="public-app">
      <header className="public-header">
        <a href="#/public/report">{ct('reportLink')}</a>
        <a href="#/public/track">{ct('trackTitle')}</a>
        <LanguageToggle />
      </header>
      <main>{page === 'track' ? <TrackPage key={code ?? ''} code={code} /> : <PublicReportPage />}</main>
    </div>
  );
}
