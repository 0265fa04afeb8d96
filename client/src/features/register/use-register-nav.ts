import { useDepartments } from '../../lib/reference';
import type { Me } from '../auth/auth';

const POLICE_NAV = [{ route: 'register', label: 'nav.register' as const }];

/**
 * Navigation the role table cannot give: the police liaison (staff of a 公安 department) reads
 * the register's 重点人员; other department staff have no register (the API answers 403).
 */
export function useRegisterNav(me: Me | null): typeof POLICE_NAV {
  const isStaff = me?.role === 'DEPT_STAFF' && me.departmentId !== null;
  const departments = useDepartments(isStaff);
  const mine = departments.find((d) => d.id === me?.departmentId);
  return isStaff && mine?.kind === 'GONGAN' ? POLICE_NAV : [];
}
