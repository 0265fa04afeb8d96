import { GAZETTEER_COLUMNS } from '@wangge/shared/places/gazetteer-sheet';
import { useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { SheetProblems } from '../register/SheetProblems';
import { downloadGazetteerTemplate, importGazetteer } from './gazetteer-api';
import { GAZETTEER_EN, GAZETTEER_ZH } from './messages';

const columnOf = (key: string) => GAZETTEER_COLUMNS.find((c) => c.key === key);

/**
 * Choose a file, 试导入 (a dry run: the counts, or every problem by row and column), then
 * 确认导入 — possible only once the dry run of that very file has passed. `onImported` after a write.
 */
export function GazetteerImport({ onImported }: { onImported: () => void }) {
  const { text } = useTable(GAZETTEER_ZH, GAZETTEER_EN);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [templateError, setTemplateError] = useState<unknown>(null);
  const upload = async (dryRun: boolean) => {
    if (!file) return setDone(text('noFile'));
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const r = await importGazetteer(file, dryRun);
      setDone(
        text(dryRun ? 'checked' : 'imported', { rows: r.rows, created: r.created, replaced: r.replaced }),
      );
      setChecked(dryRun ? file : null);
      if (!dryRun) onImported();
    } catch (e) {
      setError(e);
      setChecked(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h2>{text('importTitle')}</h2>
      <div className="reg-filters">
        <label>
          {text('file')}
          <input
            type="file"
            name="gazetteer-file"
            data-testid="gazetteer-file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
              setDone('');
              setError(null);
            }}
          />
        </label>
        <button
          type="button"
          data-testid="gazetteer-dry-run"
          onClick={() => void upload(true)}
          disabled={busy}
        >
          {text('dryRun')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="gazetteer-import"
          onClick={() => void upload(false)}
          disabled={busy || !file || checked !== file}
        >
          {text('import')}
        </button>
        <button
          type="button"
          className="link"
          data-testid="gazetteer-template"
          onClick={() => downloadGazetteerTemplate().then(() => setTemplateError(null), setTemplateError)}
        >
          {text('template')}
        </button>
      </div>
      <p className="muted">
        {text('importHint')} {text('encoding')} <code translate="no">UTF-8</code>
      </p>
      <div aria-live="polite">
        {busy && <p>{text('working')}</p>}
        {done && (
          <p className="notice ok" data-testid="gazetteer-done">
            {done}
          </p>
        )}
      </div>
      <SheetProblems error={error} column={columnOf} />
      <ErrorNotice error={templateError} />
    </section>
  );
}
