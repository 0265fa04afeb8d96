import { randomUUID } from 'node:crypto';
import { toShanghaiDate } from '@wangge/shared/calendar/shanghai-date';
import type { ErrorDetail } from '@wangge/shared/errors';
import { classesOfText, RESIDENCE_NAMES, residenceOfText } from '@wangge/shared/register/person-sheet';
import { type TPersonInput, zPersonInput } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, detailsFromZod, forbidden } from '../../http/app-error';
import { type RegisterView, seesClass } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { createdChanges, newPersonRow } from './person-rows';
import { readPersonSheet, type SheetRow } from './person-workbook';
import { recountRegisterCells } from './recount-register-cells';

export interface PersonImport {
  /** Data rows read. */
  rows: number;
  /** Persons recorded (0 on a dry run). */
  created: number;
  dryRun: boolean;
}

const CHUNK = 500;

/**
 * Imports a persons sheet (.xlsx, the template of `personWorkbook`): every row is checked
 * first — the fields as a single record is checked (ID number checksum and birth date, phone,
 * residence, classes), the cell exists and is in the caller's jurisdiction, the classes are
 * ones the caller may assign, no ID number twice in the file or already on the register — and
 * every problem is listed (400, `rows.<Excel row>.<column>`). Only a clean sheet is written, in
 * one transaction with the layer counts of its cells: all rows or none (a person recorded
 * meanwhile by someone else: 409, none).
 */
export async function importPersons(
  ctx: AppContext,
  user: AuthUser,
  view: RegisterView,
  file: Buffer,
  options: { dryRun: boolean },
): Promise<PersonImport> {
  if (!view.writes) throw forbidden('Your role does not record persons on the register.');
  const sheet = await readPersonSheet(file);
  const problems: ErrorDetail[] = [...sheet.problems];
  const checked = sheet.problems.some((p) => p.path === 'file' || p.path.startsWith('columns.'))
    ? []
    : checkRows(view, sheet.rows, toShanghaiDate(ctx.clock.now()), problems);
  await checkAgainstDatabase(ctx, checked, problems);
  if (problems.length > 0) {
    problems.sort((a, b) => lineOf(a) - lineOf(b));
    throw new AppError(
      'VALIDATION_FAILED',
      `The sheet has ${problems.length} problem(s); nothing was recorded.`,
      problems,
    );
  }
  if (options.dryRun || checked.length === 0)
    return { rows: sheet.rows.length, created: 0, dryRun: options.dryRun };
  await writeAll(ctx, user, checked);
  return { rows: sheet.rows.length, created: checked.length, dryRun: false };
}

interface CheckedRow {
  line: number;
  input: TPersonInput;
}

const lineOf = (d: ErrorDetail) => Number(/^rows\.(\d+)/.exec(d.path)?.[1] ?? 0);

/** Each row's own checks; the rows that pass them are returned. */
function checkRows(
  view: RegisterView,
  rows: SheetRow[],
  today: string,
  problems: ErrorDetail[],
): CheckedRow[] {
  const schema = zPersonInput(today);
  const firstLineOf = new Map<string, number>();
  const out: CheckedRow[] = [];
  for (const { line, cells } of rows) {
    const at = (key: string) => `rows.${line}.${key}`;
    const before = problems.length;
    const residence = cells.residence ? residenceOfText(cells.residence) : undefined;
    if (cells.residence && !residence)
      problems.push({
        path: at('residence'),
        message: `must be one of ${Object.values(RESIDENCE_NAMES)
          .map((n) => n.zh)
          .join('、')}`,
      });
    const classes = classesOfText(cells.tags ?? '');
    for (const name of classes.unknown)
      problems.push({ path: at('tags'), message: `has an unknown management class: ${name}` });
    const parsed = schema.safeParse({
      name: cells.name,
      idNumber: cells.idNumber,
      phone: cells.phone,
      gridCode: cells.gridCode,
      residence: residence ?? (cells.residence ? 'HOUSEHOLD' : undefined), // an unknown one is reported above
      tags: classes.codes.length > 0 ? classes.codes : undefined,
    });
    if (!parsed.success) problems.push(...detailsFromZod(parsed.error, `rows.${line}`));
    else {
      const input = parsed.data;
      for (const tag of input.tags ?? [])
        if (!seesClass(view, tag))
          problems.push({ path: at('tags'), message: `your role may not assign ${tag}` });
      if (!view.mayWriteIn(input.gridCode))
        problems.push({ path: at('gridCode'), message: 'must be a cell of your jurisdiction' });
      const first = firstLineOf.get(input.idNumber);
      if (first !== undefined)
        problems.push({ path: at('idNumber'), message: `repeats the ID number of row ${first}` });
      else firstLineOf.set(input.idNumber, line);
      if (problems.length === before) out.push({ line, input });
    }
  }
  return out;
}

/** The rows' cells exist and their ID numbers are not on the register yet (through the blind index). */
async function checkAgainstDatabase(ctx: AppContext, rows: CheckedRow[], problems: ErrorDetail[]) {
  const codes = [...new Set(rows.map((r) => r.input.gridCode))];
  const known = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const found = await ctx.db.read.grid.findMany({
      where: { code: { in: codes.slice(i, i + CHUNK) } },
      select: { code: true },
    });
    for (const g of found) known.add(g.code);
  }
  const byIndex = new Map(
    rows.map((r) => [ctx.registerCipher.blindIndex('idNumber', r.input.idNumber), r.line]),
  );
  const indexes = [...byIndex.keys()];
  for (let i = 0; i < indexes.length; i += CHUNK) {
    const existing = await ctx.db.read.person.findMany({
      where: { idNumberIndex: { in: indexes.slice(i, i + CHUNK) } },
      select: { idNumberIndex: true },
    });
    for (const p of existing)
      problems.push({
        path: `rows.${byIndex.get(p.idNumberIndex ?? '')}.idNumber`,
        message: 'is already on the register (a live or an archived record)',
      });
  }
  for (const r of rows)
    if (!known.has(r.input.gridCode))
      problems.push({ path: `rows.${r.line}.gridCode`, message: 'is not a grid cell' });
}

/** Writes every row in one transaction (cells looked up once). */
async function writeAll(ctx: AppContext, user: AuthUser, rows: CheckedRow[]) {
  const codes = [...new Set(rows.map((r) => r.input.gridCode))];
  const cells = new Map(
    (
      await ctx.db.read.grid.findMany({
        where: { code: { in: codes } },
        select: { code: true, villageCode: true, townshipCode: true, countyCode: true },
      })
    ).map((g) => [
      g.code,
      {
        gridCode: g.code,
        villageCode: g.villageCode,
        townshipCode: g.townshipCode,
        countyCode: g.countyCode,
      },
    ]),
  );
  const now = ctx.clock.now();
  const persons = rows.map((r) => ({
    id: randomUUID(),
    ...newPersonRow(ctx, r.input, cells.get(r.input.gridCode)!, now),
  }));
  const tags = rows.flatMap((r, i) =>
    (r.input.tags ?? []).map((tagCode) => ({ personId: persons[i]!.id, tagCode, since: now })),
  );
  const changes = rows.map((r, i) => ({
    personId: persons[i]!.id,
    at: now,
    userId: user.id,
    kind: 'CREATED',
    changes: JSON.stringify(createdChanges(r.input)),
  }));
  try {
    await ctx.db.transaction(
      async (tx) => {
        for (let i = 0; i < persons.length; i += CHUNK)
          await tx.person.createMany({ data: persons.slice(i, i + CHUNK) });
        for (let i = 0; i < tags.length; i += CHUNK)
          await tx.personTag.createMany({ data: tags.slice(i, i + CHUNK) });
        for (let i = 0; i < changes.length; i += CHUNK)
          await tx.personChange.createMany({ data: changes.slice(i, i + CHUNK) });
        await recountRegisterCells(tx, 'PERSON', codes, ctx.clock.now());
      },
      { timeout: 120_000 },
    );
    ctx.events.registerCountsChanged(codes);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002')
      throw new AppError(
        'PERSON_EXISTS',
        'A person of the sheet was recorded meanwhile; nothing was imported. Import the sheet again to see which.',
      );
    throw error;
  }
}
