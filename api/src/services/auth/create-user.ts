import type { Role, UnitLevel } from '@wangge/shared/domain/constants';
import { isUnitCode, levelOfCode } from '@wangge/shared/domain/unit-codes';
import type { ErrorDetail } from '@wangge/shared/errors';
import { ZCreateUser } from '@wangge/shared/schemas/auth';
import type { AppContext } from '../../context';
import type { Tx } from '../../db/database';
import { AppError, detailsFromZod } from '../../http/app-error';
import { protectPhone } from '../register/protect-phone';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import { hashPassword } from './password';
import { passwordDetails } from './password-policy';
import { ACCOUNT_SELECT, presentAccount } from './present-account';

/** Levels a role's unit may have (grid workers and department staff take theirs from cells / department). */
const UNIT_LEVELS_OF: Partial<Record<Role, readonly UnitLevel[]>> = {
  ADMIN: ['CITY'],
  DISPATCHER: ['CITY', 'COUNTY', 'TOWNSHIP'],
  STATION_OPERATOR: ['VILLAGE'],
  HOTLINE: ['CITY', 'COUNTY'],
  VIEWER: ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'],
};

const invalid = (details: ErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', 'The account was not created.', details);

/**
 * Creates an account (admin API and the create-admin CLI). Every problem is listed at once:
 * the body's shape, the password policy, the username already taken, the unit / department /
 * grid cells unknown or not fitting the role. One transaction: the user, a grid worker's
 * cell memberships and the audit row.
 */
export async function createUser(
  ctx: AppContext,
  body: unknown,
  actor: { id: string | null; origin: RequestOrigin | null },
) {
  const parsed = ZCreateUser.safeParse(body);
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const details: ErrorDetail[] = parsed.success ? [] : detailsFromZod(parsed.error);
  if (typeof raw.password === 'string') {
    details.push(
      ...passwordDetails(raw.password, typeof raw.username === 'string' ? raw.username : null, 'password'),
    );
  }
  if (!parsed.success) throw invalid(details);
  const u = parsed.data;
  const passwordHash = details.length === 0 ? await hashPassword(u.password) : '';
  const now = ctx.clock.now();
  const created = await ctx.db
    .transaction(async (tx) => {
      const unitCode = await resolveUnit(tx, u, details);
      if (await tx.user.findUnique({ where: { username: u.username }, select: { id: true } })) {
        details.push({ path: 'username', message: '用户名已被使用 · this username is taken' });
      }
      if (details.length > 0) throw invalid(details);
      const user = await tx.user.create({
        data: {
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          role: u.role,
          unitCode,
          departmentId: u.departmentId ?? null,
          phone: u.phone ?? null,
          createdAt: now,
        },
        select: { id: true },
      });
      // The team's copy of the phone is protected like the register's (docs/register.md).
      const phone = u.phone ? protectPhone(ctx.registerCipher, u.phone.replace(/\D/g, '')) : null;
      for (const gridCode of u.gridCodes ?? []) {
        await tx.gridMember.create({
          data: {
            gridCode,
            role: 'WORKER',
            name: u.displayName,
            phoneCipher: phone?.cipher ?? null,
            phoneIndex: phone?.index ?? null,
            phoneMasked: phone?.masked ?? null,
            userId: user.id,
          },
        });
      }
      await recordAuthEvent(tx, {
        at: now,
        outcome: 'USER_CREATED',
        username: u.username,
        userId: user.id,
        actorId: actor.id,
        origin: actor.origin,
      });
      return tx.user.findUniqueOrThrow({ where: { id: user.id }, select: ACCOUNT_SELECT });
    })
    .catch((error: { code?: string }) => {
      // Another request took the username between the check and the insert.
      if (error?.code === 'P2002')
        throw invalid([{ path: 'username', message: '用户名已被使用 · this username is taken' }]);
      throw error;
    });
  return presentAccount(created);
}

/** The account's unit for its role; problems go to `details`. */
async function resolveUnit(
  tx: Tx,
  u: { role: Role; unitCode?: string; departmentId?: string; gridCodes?: string[] },
  details: ErrorDetail[],
): Promise<string | null> {
  const problem = (path: string, message: string) => {
    details.push({ path, message });
    return null;
  };
  if (u.role === 'DEPT_STAFF') {
    const dept = await tx.department.findUnique({ where: { id: u.departmentId ?? '' } });
    if (!dept) return problem('departmentId', `没有这个部门 · no department ${u.departmentId}`);
    if (u.unitCode && u.unitCode !== dept.unitCode)
      return problem('unitCode', `部门属于 ${dept.unitCode} · the department belongs to ${dept.unitCode}`);
    return dept.unitCode;
  }
  if (u.role === 'GRID_WORKER') {
    const codes = [...new Set(u.gridCodes ?? [])];
    const cells = await tx.grid.findMany({
      where: { code: { in: codes } },
      select: { code: true, villageCode: true },
    });
    const found = new Set(cells.map((c) => c.code));
    codes.forEach((code, i) => {
      if (!found.has(code)) problem(`gridCodes.${i}`, `没有这个网格 · no grid cell ${code}`);
    });
    const villages = [...new Set(cells.map((c) => c.villageCode))];
    if (villages.length > 1)
      return problem('gridCodes', '网格须属于同一个村/社区 · the cells must lie in one village');
    const village = villages[0] ?? null;
    if (village && u.unitCode && u.unitCode !== village)
      return problem('unitCode', `网格属于 ${village} · the cells belong to ${village}`);
    return village;
  }
  const code = u.unitCode ?? '';
  if (!isUnitCode(code)) return null; // reported by the schema
  const unit = await tx.unit.findUnique({ where: { code }, select: { level: true } });
  if (!unit) return problem('unitCode', `没有这个单位 · no unit ${code}`);
  const allowed = UNIT_LEVELS_OF[u.role] ?? [];
  if (!allowed.includes(levelOfCode(code)))
    return problem(
      'unitCode',
      `${u.role} 的单位须为 ${allowed.join('/')} 级 · a ${u.role} belongs to a ${allowed.join('/')} unit`,
    );
  return code;
}
