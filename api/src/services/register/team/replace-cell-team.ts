import type { ErrorDetail } from '@wangge/shared/errors';
import type { TTeamInput } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import { AppError, forbidden, notFound } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import type { AuthUser } from '../../auth/auth-user';
import type { FieldChange } from '../person-changes';
import { protectPhone } from '../protect-phone';
import { writeRegisterChange } from '../records/register-changes';
import { gridWhere } from './cell-scope';
import { type CellTeamView, getCellTeam } from './get-cell-team';

/**
 * Replaces a cell's 1+N team with the list given, in order, at the team version the caller
 * read (409 RECORD_CHANGED otherwise). A member kept by `id` without `phone` keeps their phone
 * (the caller only ever saw it masked), and without `userId` keeps their account: a worker's
 * account membership is what gives them the cell, so only an explicit null takes it away. The history names the roles before and after, and
 * that names or phones changed, without their values.
 */
export async function replaceCellTeam(
  ctx: AppContext,
  user: AuthUser,
  view: RecordView,
  code: string,
  input: TTeamInput,
): Promise<CellTeamView> {
  const grid = await ctx.db.read.grid.findFirst({
    where: gridWhere(view.where, code),
    select: { code: true },
  });
  if (!grid) throw notFound('No such grid cell.');
  if (!view.writes || !view.mayWriteIn(code)) throw forbidden('Your role may not change this team.');
  const current = await ctx.db.read.gridMember.findMany({
    where: { gridCode: code },
    orderBy: [{ position: 'asc' }, { role: 'asc' }],
  });
  const byId = new Map(current.map((m) => [m.id, m]));
  const problems: ErrorDetail[] = [];
  const userIds = input.members.flatMap((m) => (m.userId ? [m.userId] : []));
  const users = new Set(
    (await ctx.db.read.user.findMany({ where: { id: { in: userIds } }, select: { id: true } })).map(
      (u) => u.id,
    ),
  );
  input.members.forEach((m, i) => {
    if (m.id && !byId.has(m.id))
      problems.push({ path: `members.${i}.id`, message: 'is not a member of this team' });
    if (m.userId && !users.has(m.userId))
      problems.push({ path: `members.${i}.userId`, message: 'no such user' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The team is invalid.', problems);

  const cipher = ctx.registerCipher;
  let phonesChanged = false;
  const rows = input.members.map((m, position) => {
    const kept = m.id ? byId.get(m.id) : undefined;
    const keepPhone = m.phone === undefined && kept;
    const before = kept?.phoneCipher ? cipher.decrypt('phone', kept.phoneCipher) : null;
    if (!keepPhone && (m.phone ?? null) !== before) phonesChanged = true;
    const p = m.phone ? protectPhone(cipher, m.phone) : null;
    return {
      ...(kept ? { id: kept.id } : {}),
      gridCode: code,
      position,
      role: m.role,
      name: m.name,
      userId: m.userId === undefined ? (kept?.userId ?? null) : m.userId,
      phoneCipher: keepPhone ? kept.phoneCipher : (p?.cipher ?? null),
      phoneIndex: keepPhone ? kept.phoneIndex : (p?.index ?? null),
      phoneMasked: keepPhone ? kept.phoneMasked : (p?.masked ?? null),
    };
  });
  const changes: FieldChange[] = [];
  const rolesBefore = current.map((m) => m.role);
  const rolesAfter = rows.map((m) => m.role);
  if (JSON.stringify(rolesBefore) !== JSON.stringify(rolesAfter))
    changes.push({ field: 'roles', before: rolesBefore, after: rolesAfter });
  if (JSON.stringify(current.map((m) => m.name)) !== JSON.stringify(rows.map((m) => m.name)))
    changes.push({ field: 'names' });
  if (phonesChanged || rows.length !== current.length) changes.push({ field: 'phones' });

  await ctx.db.transaction(async (tx) => {
    const moved = await tx.grid.updateMany({
      where: { code, teamVersion: input.version },
      data: { teamVersion: { increment: 1 } },
    });
    if (moved.count === 0)
      throw new AppError('RECORD_CHANGED', 'The team changed since you read it; reload it and try again.');
    await tx.gridMember.deleteMany({ where: { gridCode: code } });
    await tx.gridMember.createMany({ data: rows });
    await writeRegisterChange(tx, {
      recordType: 'CELL_TEAM',
      recordId: code,
      version: input.version + 1,
      at: ctx.clock.now(),
      userId: user.id,
      kind: 'UPDATED',
      changes,
    });
  });
  return getCellTeam(ctx, view, code);
}
