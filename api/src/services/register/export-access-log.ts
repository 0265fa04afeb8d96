import type { TAccessLogFilter } from '@wangge/shared/schemas/register';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { accessLogWhere } from './access-log-where';

/** The most lines one export holds: beyond it the auditor narrows the filters (400). */
export const MAX_EXPORT_LINES = 100_000;
const BATCH = 2_000;

const COLUMNS = [
  { header: '时间 Time (Asia/Shanghai)', key: 'at', width: 22 },
  { header: '用户 User', key: 'username', width: 18 },
  { header: '角色 Role', key: 'role', width: 16 },
  { header: '操作 Action', key: 'action', width: 10 },
  { header: '人员记录 Person record', key: 'personId', width: 38 },
  { header: '字段 Fields', key: 'fields', width: 24 },
  { header: '用途 Purpose', key: 'purpose', width: 60 },
] as const;

const shanghaiTime = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

/**
 * The access-log lines a filter names, oldest first, as an .xlsx workbook (exceljs). The export
 * is itself an access: its EXPORT line (who, when, the filters) is committed before any line
 * is read, and is part of the file when the filters cover it.
 */
export async function exportAccessLog(
  ctx: AppContext,
  user: AuthUser,
  filter: TAccessLogFilter,
): Promise<{ file: Buffer; lines: number }> {
  const where = { AND: accessLogWhere(filter) };
  const total = await ctx.db.read.registerAccess.count({ where });
  if (total > MAX_EXPORT_LINES)
    throw new AppError('VALIDATION_FAILED', 'Too many lines to export.', [
      {
        path: 'query.from',
        message: `${total} lines match, at most ${MAX_EXPORT_LINES} are exported: narrow the dates`,
      },
    ]);
  const filters = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  await ctx.db.transaction((tx) =>
    tx.registerAccess.create({
      data: {
        at: ctx.clock.now(),
        userId: user.id,
        username: user.username,
        role: user.role,
        action: 'EXPORT',
        personId: filter.person ?? null,
        fields: filters.join(','),
        purpose: '导出访问日志 · access log export',
      },
    }),
  );

  const book = new ExcelJS.Workbook();
  book.created = ctx.clock.now();
  const sheet = book.addWorksheet('访问日志');
  sheet.columns = COLUMNS.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  let lines = 0;
  let after: { at: Date; id: string } | null = null;
  // Keyset batches, oldest first: memory stays bounded by the workbook, not by the query.
  for (;;) {
    const rows: Awaited<ReturnType<typeof ctx.db.read.registerAccess.findMany>> =
      await ctx.db.read.registerAccess.findMany({
        where: after
          ? { AND: [where, { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] }] }
          : where,
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        take: BATCH,
      });
    for (const r of rows) sheet.addRow({ ...r, at: shanghaiTime(r.at), personId: r.personId ?? '' });
    lines += rows.length;
    const last = rows.at(-1);
    if (rows.length < BATCH || !last) break;
    after = { at: last.at, id: last.id };
  }
  return { file: Buffer.from(await book.xlsx.writeBuffer()), lines };
}
