import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AuthUser } from '../services/auth/auth-user';

/** What an aggregate (rates, counts, their drill-down and export) is asked over. */
export type AggregateTarget =
  | { kind: 'unit' | 'grid'; code: string }
  | { kind: 'department'; id: string; unitCode: string }
  | { kind: 'person'; id: string; departmentId: string | null; home: string | null };

/**
 * Whether a caller may see figures over a target (docs/security.md, "What is counted"):
 * - centres, stations, viewers, hotline and admins: units and cells of their subtree, its
 *   departments and the people working in it;
 * - a grid worker: their own cells and themselves;
 * - department staff: their department and its members.
 * Whatever the target, the counts take only the cases the caller may open (caseVisibleSql),
 * so a number and the list behind it always agree.
 */
export function mayAggregate(user: AuthUser, home: string, target: AggregateTarget): boolean {
  switch (user.role) {
    case 'AUDITOR':
      return false;
    case 'GRID_WORKER':
      if (target.kind === 'grid') return user.gridCodes.includes(target.code);
      return target.kind === 'person' && target.id === user.id;
    case 'DEPT_STAFF':
      if (target.kind === 'department') return target.id === user.departmentId;
      return (
        target.kind === 'person' && user.departmentId !== null && target.departmentId === user.departmentId
      );
    default:
      switch (target.kind) {
        case 'unit':
        case 'grid':
          return isWithin(target.code, home);
        case 'department':
          return isWithin(target.unitCode, home);
        case 'person':
          return target.id === user.id || (target.home !== null && isWithin(target.home, home));
      }
  }
}
