/** An account as the admin API shows it: never the password hash. */
export function presentAccount(u: {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitCode: string | null;
  departmentId: string | null;
  phone: string | null;
  isActive: boolean;
  createdAt: Date;
  gridRoles?: { gridCode: string }[];
}) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitCode: u.unitCode,
    departmentId: u.departmentId,
    gridCodes: [...new Set((u.gridRoles ?? []).map((g) => g.gridCode))].sort(),
    phone: u.phone,
    isActive: u.isActive,
    createdAt: u.createdAt,
  };
}

/** What account queries select (no password hash). */
export const ACCOUNT_SELECT = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitCode: true,
  departmentId: true,
  phone: true,
  isActive: true,
  createdAt: true,
  gridRoles: { select: { gridCode: true } },
} as const;
