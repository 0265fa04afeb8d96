import { useTable } from '../../i18n/i18n';
import { ApiError } from '../../lib/api';
import { describeError } from '../../lib/describe-error';
import { ErrorNotice } from '../../lib/ErrorNotice';

const ZH = {
  problems: '文件有 {n} 处问题，未导入任何记录：',
  row: '第 {n} 行',
  missingColumn: '缺少列',
  fileProblem: '文件',
};
const EN: typeof ZH = {
  problems: 'Problems in the file: {n}; nothing was imported:',
  row: 'Row {n}',
  missingColumn: 'Missing column',
  fileProblem: 'File',
};

/**
 * A sheet import's refusal (the register's sheets, the gazetteer): every problem the server
 * listed as `rows.<line>.<column>`, `columns.<column>` or `file`, with the row number and the
 * column's name in the user's language; any other failure as the shared error notice.
 */
export function SheetProblems({
  error,
  column,
}: {
  error: unknown;
  /** The column's Chinese and English names by its key. */
  column: (key: string) => { zh: string; en: string } | undefined;
}) {
  const { text, locale } = useTable(ZH, EN);
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED')
    return <ErrorNotice error={error} />;
  const described = describeError(error, locale);
  const name = (key: string) => {
    const c = column(key);
    return c ? (locale === 'en' ? c.en : c.zh) : key;
  };
  return (
    <div className="notice error" role="alert" data-testid="sheet-problems">
      <strong>{text('problems', { n: error.details.length })}</strong>
      <ul className="error-details">
        {error.details.map((d, i) => {
          const [head, a = '', b = ''] = d.path.split('.');
          const where =
            head === 'rows'
              ? `${text('row', { n: a })} · ${name(b)}`
              : head === 'columns'
                ? `${text('missingColumn')} ${name(a)}`
                : text('fileProblem');
          return (
            <li key={`${d.path}:${i}`} data-path={d.path}>
              <span className="error-field">{where}</span>
              {locale === 'en' ? ': ' : '：'}
              {described.details[i]?.text ?? ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
