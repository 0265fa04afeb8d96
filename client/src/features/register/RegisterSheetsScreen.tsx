import { useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { SheetProblems } from './SheetProblems';
import {
  downloadTemplate,
  exportSheet,
  importSheet,
  SHEET_TYPES,
  type SheetType,
  sheetColumn,
} from './sheets-api';
import './register.css';

const ZH = {
  title: '登记簿导入导出',
  intro: '按城市下发的 Excel 模板批量导入、导出登记簿。导入时先检查，有任何一行出错，整个文件都不会导入。',
  type: '登记类型',
  'type.persons': '人口',
  'type.places': '场所',
  'type.things': '城市部件',
  'type.organisations': '组织',
  'type.situations': '民情日志',
  template: '模板',
  downloadTemplate: '下载模板',
  importTitle: '导入',
  file: 'Excel 文件',
  check: '检查',
  import: '导入',
  noFile: '请先选择文件',
  checked: '检查通过：共 {rows} 行，可以导入。',
  imported: '已导入 {created} 条记录。',
  exportTitle: '导出',
  grid: '网格编码（可选）',
  purpose: '导出用途（必填，记入访问日志）',
  export: '导出',
  exported: '已导出，导出已记入访问日志。',
  working: '正在处理…',
  masked: '导出的身份证号、电话均已脱敏。',
};
const EN: typeof ZH = {
  title: 'Register import and export',
  intro:
    "Import and export the register in bulk with the city's Excel templates. A file is checked first; if any row is wrong, nothing of it is imported.",
  type: 'Record type',
  'type.persons': 'Persons',
  'type.places': 'Places',
  'type.things': 'City components',
  'type.organisations': 'Organisations',
  'type.situations': 'Situation log',
  template: 'Template',
  downloadTemplate: 'Download template',
  importTitle: 'Import',
  file: 'Excel file',
  check: 'Check',
  import: 'Import',
  noFile: 'Choose a file first',
  checked: 'Check passed: {rows} rows, ready to import.',
  imported: '{created} records imported.',
  exportTitle: 'Export',
  grid: 'Grid cell code (optional)',
  purpose: 'Purpose (required, written to the access log)',
  export: 'Export',
  exported: 'Exported; the export is written to the access log.',
  working: 'Working…',
  masked: 'ID numbers and phones are masked in the export.',
};

/**
 * 登记簿导入导出: the sheets of persons, places, city components, organisations and 民情日志 for
 * the roles that keep the register — the template, a checked all-or-nothing import, a logged
 * export (masked; the purpose is asked for the access log).
 */
export function RegisterSheetsScreen(_props: { params: string[] }) {
  const { text } = useTable(ZH, EN);
  const [type, setType] = useState<SheetType>('places');
  const [file, setFile] = useState<File | null>(null);
  const [grid, setGrid] = useState('');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [at, setAt] = useState<'template' | 'import' | 'export'>('import');
  const run = (where: typeof at, work: () => Promise<string | null>) => {
    setAt(where);
    setBusy(true);
    setError(null);
    setDone(null);
    work()
      .then(setDone, setError)
      .finally(() => setBusy(false));
  };
  const upload = (dryRun: boolean) =>
    run('import', async () => {
      if (!file) return text('noFile');
      const r = await importSheet(type, file, dryRun);
      return dryRun ? text('checked', { rows: r.rows }) : text('imported', { created: r.created });
    });
  /** What the last action gave, under the section it was started from. */
  const status = (
    <>
      <div aria-live="polite">
        {busy && <p>{text('working')}</p>}
        {done && (
          <p className="notice ok" data-testid="sheet-done">
            {done}
          </p>
        )}
      </div>
      <SheetProblems error={error} column={(key) => sheetColumn(type, key)} />
    </>
  );
  return (
    <div className="reg reg-sheets">
      <h1>{text('title')}</h1>
      <p>{text('intro')}</p>
      <fieldset className="reg-sheet-types">
        <legend>{text('type')}</legend>
        {SHEET_TYPES.map((t) => (
          <label key={t}>
            <input
              type="radio"
              name="sheet-type"
              value={t}
              checked={type === t}
              onChange={() => {
                setType(t);
                setError(null);
                setDone(null);
              }}
            />
            {text(`type.${t}`)}
          </label>
        ))}
      </fieldset>

      <section>
        <h2>{text('template')}</h2>
        <button
          type="button"
          data-testid="sheet-template"
          onClick={() => run('template', () => downloadTemplate(type).then(() => null))}
          disabled={busy}
        >
          {text('downloadTemplate')}
        </button>
        {at === 'template' && status}
      </section>

      <section>
        <h2>{text('importTitle')}</h2>
        <div className="reg-filters">
          <label>
            {text('file')}
            <input
              type="file"
              name="sheet"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <button type="button" data-testid="sheet-check" onClick={() => upload(true)} disabled={busy}>
            {text('check')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="sheet-import"
            onClick={() => upload(false)}
            disabled={busy}
          >
            {text('import')}
          </button>
        </div>
        {at === 'import' && status}
      </section>

      <section>
        <h2>{text('exportTitle')}</h2>
        <form
          className="reg-filters"
          onSubmit={(e) => {
            e.preventDefault();
            run('export', () =>
              exportSheet(type, grid.trim() ? { grid: grid.trim() } : {}, purpose.trim()).then(() =>
                text('exported'),
              ),
            );
          }}
        >
          <label>
            {text('grid')}
            <input name="grid" value={grid} inputMode="numeric" onChange={(e) => setGrid(e.target.value)} />
          </label>
          <label>
            {text('purpose')}
            <input name="purpose" value={purpose} required onChange={(e) => setPurpose(e.target.value)} />
          </label>
          <button type="submit" data-testid="sheet-export" disabled={busy}>
            {text('export')}
          </button>
        </form>
        <p className="muted">{text('masked')}</p>
        {at === 'export' && status}
      </section>
    </div>
  );
}
