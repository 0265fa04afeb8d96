import { classesText, RESIDENCE_NAMES } from '@wangge/shared/register/person-sheet';
import type { TPersonExport } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import type { RegisterView } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { personFilterWhere } from './person-filters';
import { MAX_SHEET_ROWS, personWorkbook } from './person-workbook';
import { PERSON_SELECT, presentPerson } from './present-person';

const CHUNK = 500;

/**
 * The persons a caller sees that match the filters, as a sheet in the import's template (so
 * an export can be corrected and imported elsewhere). ID numbers and phones are masked unless
 * `reveal` is asked by a role that may reveal; classes the caller may not see are left out.
 * Every exported person gets an access-log line (action EXPORT, the fields revealed, the
 * purpose), committed before the file is made. At most MAX_SHEET_ROWS persons: a bigger
 * selection is refused with the count, to be narrowed by unit or cell.
 */
export async function exportPersons(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  q: TPersonExport,
): Promise<{ file: Buffer; rows: number }> {
  if (q.reveal && !view.mayReveal) throw forbidden('Your role may not reveal ID numbers or phones.');
  const rows = await ctx.db.read.person.findMany({
    where: { AND: personFilterWhere(ctx, view, q) },
    orderBy: [{ gridCode: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    take: MAX_SHEET_ROWS + 1,
    select: { ...PERSON_SELECT, idNumberCipher: q.reveal, phoneCipher: q.reveal },
  });
  if (rows.length > MAX_SHEET_ROWS)
    throw new AppError(
      'VALIDATION_FAILED',
      `More than ${MAX_SHEET_ROWS} persons match; narrow the export by unit or cell.`,
      [{ path: 'unit', message: `more than ${MAX_SHEET_ROWS} persons match` }],
    );
  const at = ctx.clock.now();
  const lines = rows.map((r) => ({
    at,
    userId: user.id,
    username: user.username,
    role: user.role,
    action: 'EXPORT',
    personId: r.id,
    fields: q.reveal
      ? [r.idNumberCipher && 'idNumber', r.phoneCipher && 'phone'].filter(Boolean).join(',')
      : '',
    purpose: q.purpose,
  }));
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < lines.length; i += CHUNK)
      await tx.registerAccess.createMany({ data: lines.slice(i, i + CHUNK) });
  });
  const cipher = ctx.registerCipher;
  const sheetRows = rows.map((r) => {
    const p = presentPerson(r, view);
    return {
      name: p.name,
      idNumber:
        q.reveal && r.idNumberCipher
          ? cipher.decrypt('idNumber', r.idNumberCipher)
          : (p.idNumberMasked ?? ''),
      phone: q.reveal && r.phoneCipher ? cipher.decrypt('phone', r.phoneCipher) : (p.phoneMasked ?? ''),
      gridCode: p.gridCode,
      residence: RESIDENCE_NAMES[p.residence as keyof typeof RESIDENCE_NAMES]?.zh ?? p.residence,
      tags: classesText(p.tags.map((t) => t.code)),
    };
  });
  return { file: await personWorkbook(sheetRows), rows: rows.length };
}
