import type { AuthUser } from '../services/auth/auth-user';

/** The caller as the API shows it (never a password hash or session secret). */
export function presentUser(u: AuthUser) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitCode: u.unitCode,
    gridCodes: u.gridCodes,
    departmentId: u.departmentId,
  };
}
