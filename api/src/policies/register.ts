import { isWithin } from '@wangge/shared/domain/unit-codes';
import { CLASS_GROUPS, type ClassGroup, groupOfClass, PERSON_CLASSES } from '@wangge/shared/register/classes';
import type { AppContext } from '../context';
import type { Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { subtreeColumns } from './cases';

/**
 * What a caller may do with the register (docs/register.md, "Who sees what"): role × class ×
 * jurisdiction. Null: no access at all (403).
 */
export interface RegisterView {
  /** The persons the caller may see, as a Prisma filter (out of it: 404). */
  where: Prisma.PersonWhereInput;
  /** The class groups whose tags (and tag filters, visit plans, history lines) the caller sees. */
  groups: ReadonlySet<ClassGroup>;
  /** Whether the caller may reveal the full ID number and phone of a person they see. */
  mayReveal: boolean;
  /** Whether the caller's role records, changes and archives persons at all (false: 403). */
  writes: boolean;
  /** Whether the caller may record, change and archive persons in a cell. */
  mayWriteIn(gridCode: string): boolean;
}

const ALL = new Set<ClassGroup>(CLASS_GROUPS);
const NOT_KEY = new Set<ClassGroup>(['CONCERN', 'AID']);
const KEY_ONLY = new Set<ClassGroup>(['KEY']);

/** Persons of the cells under a unit (the denormalised unit columns, indexed). */
export function personSubtreeWhere(unitCode: string): Prisma.PersonWhereInput {
  return subtreeColumns(unitCode);
}

/** Whether a department is the police (公安): its staff are the 综治 centre's police liaison. */
function isPoliceLiaison(ctx: AppContext, user: AuthUser): string | null {
  if (user.role !== 'DEPT_STAFF' || !user.departmentId) return null;
  const department = ctx.reference.department(user.departmentId);
  return department?.kind === 'GONGAN' ? department.unitCode : null;
}

/**
 * The caller's view of the register:
 * - grid worker: the persons of their own cells; 关注对象 and 救助人员 tags; may record, change
 *   and reveal (they visit these people);
 * - station operator: their village; 关注对象 and 救助人员; may record and change, not reveal;
 * - centre dispatcher (the township, county or city 综治 centre): its subtree, every class
 *   including 重点人员; may record, change and reveal;
 * - police liaison (staff of a 公安 department): the persons with a 重点人员 class in the
 *   department's subtree, only those classes; may reveal, not change;
 * - admin: the city, every class, masked; no reveal, no editing (anonymisation is theirs);
 * - other departments, command-centre viewers, hotline, auditors: nothing (403).
 */
export function registerViewFor(ctx: AppContext, user: AuthUser): RegisterView | null {
  const live: Prisma.PersonWhereInput = { anonymisedAt: null };
  switch (user.role) {
    case 'GRID_WORKER':
      return {
        where: { ...live, gridCode: { in: [...user.gridCodes] } },
        groups: NOT_KEY,
        mayReveal: true,
        writes: true,
        mayWriteIn: (g) => user.gridCodes.includes(g),
      };
    case 'STATION_OPERATOR':
    case 'DISPATCHER': {
      const unit = user.unitCode;
      if (!unit) return null;
      const centre = user.role === 'DISPATCHER';
      return {
        where: { ...live, ...personSubtreeWhere(unit) },
        groups: centre ? ALL : NOT_KEY,
        mayReveal: centre,
        writes: true,
        mayWriteIn: (g) => isWithin(g, unit),
      };
    }
    case 'DEPT_STAFF': {
      const unit = isPoliceLiaison(ctx, user);
      if (!unit) return null;
      return {
        where: {
          ...live,
          ...personSubtreeWhere(unit),
          tags: { some: { tagCode: { in: classCodesOf(KEY_ONLY) } } },
        },
        groups: KEY_ONLY,
        mayReveal: true,
        writes: false,
        mayWriteIn: () => false,
      };
    }
    case 'ADMIN':
      return { where: live, groups: ALL, mayReveal: false, writes: false, mayWriteIn: () => false };
    default:
      return null;
  }
}

/** Whether the view shows a class (its tags, filters and visits). */
export function seesClass(view: RegisterView, code: string): boolean {
  const group = groupOfClass(code);
  return group !== undefined && view.groups.has(group);
}

/** The class codes of some groups. */
export function classCodesOf(groups: ReadonlySet<ClassGroup>): string[] {
  return PERSON_CLASS_LIST.filter((c) => groups.has(c.group)).map((c) => c.code);
}

const PERSON_CLASS_LIST: readonly { code: string; group: ClassGroup }[] = PERSON_CLASSES;

/** Who reads the register's access log: auditors and admins. */
export function mayReadAccessLog(user: AuthUser): boolean {
  return user.role === 'AUDITOR' || user.role === 'ADMIN';
}

/** The register's records beyond persons, and a cell's 1+N team. */
export type RecordKind = 'places' | 'things' | 'organisations' | 'situations' | 'team';

/** Records in cells, as a filter on the denormalised unit columns every record table carries. */
export interface CellScope {
  gridCode?: string | { in: string[] };
  villageCode?: string;
  townshipCode?: string;
  countyCode?: string;
}

/** What a caller may do with one kind of record (docs/register.md, "Who sees what"). */
export interface RecordView {
  /** The records the caller may see (out of it: 404). */
  where: CellScope;
  /** Whether the caller's role records, changes and archives this kind at all (false: 403). */
  writes: boolean;
  /** Whether the caller may record, change and archive such a record in a cell. */
  mayWriteIn(gridCode: string): boolean;
}

const readOnly = (where: CellScope): RecordView => ({ where, writes: false, mayWriteIn: () => false });

/**
 * The caller's view of places, things (城市部件), organisations, situations (民情日志) and cell
 * teams; null: no access (403).
 * - grid worker: their own cells, all four kinds, may write them; reads their cells' teams;
 * - station operator: the village; centre dispatcher (综治 centres): the subtree; both write
 *   every kind including the teams;
 * - department staff: the components of the department's subtree, read only (a 城管 department
 *   handles the cases that name them); the police liaison (公安) also reads places (出租房屋
 *   are police business), nothing else;
 * - admin: the city, read only, except the teams, which they keep with the accounts;
 * - command-centre viewers, hotline, auditors: nothing.
 */
export function recordViewFor(ctx: AppContext, user: AuthUser, kind: RecordKind): RecordView | null {
  switch (user.role) {
    case 'GRID_WORKER': {
      const where = { gridCode: { in: [...user.gridCodes] } };
      if (kind === 'team') return readOnly(where);
      return { where, writes: true, mayWriteIn: (g) => user.gridCodes.includes(g) };
    }
    case 'STATION_OPERATOR':
    case 'DISPATCHER': {
      const unit = user.unitCode;
      if (!unit) return null;
      return { where: subtreeColumns(unit), writes: true, mayWriteIn: (g) => isWithin(g, unit) };
    }
    case 'DEPT_STAFF': {
      const department = user.departmentId ? ctx.reference.department(user.departmentId) : undefined;
      if (!department) return null;
      const police = department.kind === 'GONGAN';
      if (kind === 'things' || (kind === 'places' && police))
        return readOnly(subtreeColumns(department.unitCode));
      return null;
    }
    case 'ADMIN':
      return kind === 'team' ? { where: {}, writes: true, mayWriteIn: () => true } : readOnly({});
    default:
      return null;
  }
}
