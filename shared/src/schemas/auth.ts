import { z } from 'zod';
import { ROLES } from '../domain/constants';
import { ZGridCode, ZUnitCode } from './common';

/** POST /api/auth/login */
export const ZLogin = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLogin = z.infer<typeof ZLogin>;

/** A new password as the body carries it; the policy (auth-password.ts) is checked after. */
const ZNewPassword = z.string().max(1024);

/** POST /api/auth/password */
export const ZChangePassword = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZNewPassword,
});
export type TChangePassword = z.infer<typeof ZChangePassword>;

/** Usernames: 3–64 of letters, digits, dot, underscore, hyphen; starting with a letter or digit. */
export const ZUsername = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '3–64 letters, digits, . _ -, starting with a letter or digit');

/**
 * POST /api/admin/users. What each role needs: GRID_WORKER its grid cells (their village is
 * its unit); DEPT_STAFF a department (its unit is the department's); the others a unit.
 */
export const ZCreateUser = z
  .object({
    username: ZUsername,
    displayName: z.string().trim().min(1).max(64),
    password: ZNewPassword,
    role: z.enum(ROLES),
    unitCode: ZUnitCode.optional(),
    departmentId: z.string().trim().min(1).max(64).optional(),
    gridCodes: z.array(ZGridCode).max(50).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/, 'a phone number')
      .optional(),
  })
  .superRefine((u, c) => {
    const need = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
    if (u.role === 'GRID_WORKER' && !u.gridCodes?.length) need('gridCodes', 'a grid worker needs grid cells');
    if (u.role === 'DEPT_STAFF' && !u.departmentId)
      need('departmentId', 'department staff need a department');
    if (u.role !== 'GRID_WORKER' && u.role !== 'DEPT_STAFF' && !u.unitCode)
      need('unitCode', `role ${u.role} needs a unit`);
    if (u.role !== 'DEPT_STAFF' && u.departmentId)
      need('departmentId', 'only department staff belong to a department');
    if (u.role !== 'GRID_WORKER' && u.gridCodes?.length)
      need('gridCodes', 'only grid workers serve grid cells');
  });
export type TCreateUser = z.infer<typeof ZCreateUser>;

/** POST /api/admin/users/:id/reset-password */
export const ZResetPassword = z.object({ password: ZNewPassword });

const ZLimit = z.coerce.number().int().min(1).max(200).default(50);

/** GET /api/admin/users */
export const ZUserListQuery = z.object({
  role: z.enum(ROLES).optional(),
  unit: ZUnitCode.optional(),
  q: z.string().trim().max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(128).optional(),
  limit: ZLimit,
});

export const AUTH_EVENT_KINDS = [
  'SUCCESS',
  'BAD_CREDENTIALS',
  'THROTTLED',
  'DISABLED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'USER_CREATED',
  'USER_DISABLED',
  'USER_ENABLED',
  'SIGNED_OUT_EVERYWHERE',
] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

/** GET /api/admin/auth-events */
export const ZAuthEventQuery = z.object({
  username: z.string().trim().max(64).optional(),
  outcome: z.enum(AUTH_EVENT_KINDS).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: ZLimit,
});

/** The signed-in user as GET /api/me and the sign-in answer show it (never a hash or secret). */
export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitCode: z.string().nullable(),
  gridCodes: z.array(z.string()),
  departmentId: z.string().nullable(),
});
export type TMe = z.infer<typeof ZMe>;
