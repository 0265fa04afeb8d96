import type { AuthUser } from '../services/auth/auth-user';

/**
 * Who may reveal a 12345 caller's full phone (docs/security.md): the hotline, which calls back,
 * and the operators of the level that owns the case, which may need to reach the caller. Everyone
 * else who may read the case sees the masked phone only.
 */
export function mayRevealCaller(user: AuthUser, c: { ownerUnitCode: string }): boolean {
  if (user.role === 'HOTLINE') return true;
  return (
    (user.role === 'STATION_OPERATOR' || user.role === 'DISPATCHER') && user.unitCode === c.ownerUnitCode
  );
}
