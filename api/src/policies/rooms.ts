import { CITY_CODE, chainOf } from '@wangge/shared/domain/unit-codes';
import { rooms } from '@wangge/shared/realtime/index';
import type { AuthUser } from '../services/auth/auth-user';

/**
 * The rooms a user's sockets join: their jurisdiction (unit, or grid cells), their department,
 * themselves. Derived on the server only; a client cannot ask for a room.
 */
export function roomsForUser(user: AuthUser): string[] {
  const own = [rooms.user(user.id), rooms.session(user.sessionId)];
  switch (user.role) {
    case 'GRID_WORKER':
      return [...own, ...user.gridCodes.map(rooms.unit)];
    case 'DEPT_STAFF':
      return user.departmentId ? [...own, rooms.dept(user.departmentId)] : own;
    case 'ADMIN':
    case 'HOTLINE':
      return [...own, rooms.unit(CITY_CODE)];
    case 'AUDITOR':
      return own;
    default:
      return user.unitCode ? [...own, rooms.unit(user.unitCode)] : own;
  }
}

/** The units a field worker counts under for presence: every unit above their cells or department. */
export function presenceUnitsFor(user: AuthUser, departmentUnitCode: string | null): string[] {
  if (user.role === 'GRID_WORKER') return [...new Set(user.gridCodes.flatMap((g) => chainOf(g).slice(1)))];
  if (user.role === 'DEPT_STAFF' && departmentUnitCode) return chainOf(departmentUnitCode);
  return [];
}
