import { nameOfCode, RECORD_SHEETS } from '@wangge/shared/register/record-sheets';
import type { TRecordExport } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import { AppError, forbidden } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import { MAX_SHEET_ROWS } from '../person-workbook';
import type { RecordDescriptor, RecordRow } from './record-descriptor';
import { readField } from './record-fields';
import { recordFilterWhere } from './record-filters';
import { recordWorkbook } from './record-workbook';

/**
 * The records of a type the caller sees that match the list's filters, as a sheet in the
 * import's template (kinds by their Chinese names). Masked columns (an organisation's contact
 * phone) stay masked unless `reveal` is asked by a role that may reveal persons' data
 * (`mayReveal`, the persons' rule). The export is written to the access log (action EXPORT,
 * the type, filters, rows and fields revealed, the purpose) before the file is made. At most
 * MAX_SHEET_ROWS records: a bigger selection is refused, to be narrowed by unit or cell.
 */
export async function exportRegisterRecords(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  mayReveal: boolean,
  d: RecordDescriptor,
  q: TRecordExport,
): Promise<{ file: Buffer; rows: number }> {
  const columns = RECORD_SHEETS[d.type].columns;
  const secret = columns.filter((c) => c.masked);
  if (q.reveal && !mayReveal) throw forbidden('Your role may not reveal personal data.');
  const rows = await d.table(ctx.db.read).findMany({
    where: { AND: recordFilterWhere(ctx, view, d, q) },
    orderBy: [{ gridCode: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: MAX_SHEET_ROWS + 1,
    select: { ...d.select, ...(q.reveal ? d.secretSelect : {}) },
  });
  if (rows.length > MAX_SHEET_ROWS)
    throw new AppError(
      'VALIDATION_FAILED',
      `More than ${MAX_SHEET_ROWS} records match; narrow the export by unit or cell.`,
      [{ path: 'unit', message: `more than ${MAX_SHEET_ROWS} records match` }],
    );
  const revealed = q.reveal ? secret.map((c) => c.key) : [];
  const filters = (['grid', 'unit', 'kind', 'q', 'archived'] as const)
    .filter((k) => q[k] !== undefined)
    .map((k) => `${k}=${q[k]}`);
  await ctx.db.transaction((tx) =>
    tx.registerAccess.create({
      data: {
        at: ctx.clock.now(),
        userId: user.id,
        username: user.username,
        role: user.role,
        action: 'EXPORT',
        personId: null,
        fields: [`type=${d.type}`, `rows=${rows.length}`, ...filters, ...revealed].join(','),
        purpose: q.purpose,
      },
    }),
  );
  const cellsOf = (r: RecordRow) => {
    const cells: Record<string, string> = {};
    for (const c of columns) {
      const value =
        c.masked && !q.reveal
          ? r[c.masked]
          : c.masked
            ? readField(ctx, d.fields[c.key]!, c.key, r)
            : r[c.key];
      cells[c.key] = c.codes ? nameOfCode(c, value) : value == null ? '' : String(value);
    }
    return cells;
  };
  return { file: await recordWorkbook(d.type, rows.map(cellsOf)), rows: rows.length };
}
