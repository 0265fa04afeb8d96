import { CaseDetailPage } from '../cases/CaseDetailPage';
import { useCommandText } from './messages';

/**
 * The case beside the map: the case page itself (history, photos, countdown, the viewer's
 * actions with their forms), embedded without its own map. Acting here sends the same actions;
 * the map follows through the live events like any other change.
 */
export function CasePanel({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const ct = useCommandText();
  return (
    <section className="cmd-case" aria-label={ct('casePanel')} data-testid="case-panel">
      <div className="cmd-case-bar">
        <a href={`#/case/${caseId}`}>{ct('openCase')}</a>
        <button type="button" onClick={onClose} data-testid="case-panel-close">
          {ct('close')}
        </button>
      </div>
      <CaseDetailPage key={caseId} params={[caseId]} isEmbedded />
    </section>
  );
}
