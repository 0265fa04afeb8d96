import { CITY_CODE, chainOf, isWithin } from '@wangge/shared/domain/unit-codes';
import { rooms } from '@wangge/shared/realtime/index';
import { CLASS_GROUPS, type ClassGroup } from '@wangge/shared/register/classes';
import type { AppContext } from '../context';
import type { AuthUser } from '../services/auth/auth-user';
import { departmentUnitOf } from './jurisdiction';
import { classCodesOf, registerViewFor } from './register';

/**
 * What a caller may see of the register's map layers (docs/register.md, "Layers"). Counts are
 * figures, not records: every role that watches a unit's map sees, over its jurisdiction, the
 * live persons and the totals of the three groups — also 重点人员, as the issue asks ("the
 * layer of key persons shows counts per cell to those without clearance"). The counts of the
 * sub-classes follow the record view: a group's sub-classes only to those who may see that
 * group's tags on a record (重点人员 sub-classes: the 综治 centres, the police liaison and
 * admins). A command-centre viewer, who reads no records, gets the sub-classes a station
 * operator gets (关注对象, 救助人员).
 */
export interface RegisterLayerView {
  /** The unit whose subtree the caller sees. */
  home: string;
  /** A grid worker's own cells (the only ones counted for them), else null. */
  gridCodes: readonly string[] | null;
  /** The `class` values of the count table the caller may read ('' = all live records). */
  classes: readonly string[];
}

const NOT_KEY = new Set<ClassGroup>(['CONCERN', 'AID']);
const TOTALS = ['', ...CLASS_GROUPS];

/** The caller's view of the layers, or null (403): hotline, other departments, auditors. */
export function registerLayerViewFor(ctx: AppContext, user: AuthUser): RegisterLayerView | null {
  if (user.role === 'VIEWER') {
    return user.unitCode
      ? { home: user.unitCode, gridCodes: null, classes: [...TOTALS, ...classCodesOf(NOT_KEY)] }
      : null;
  }
  const records = registerViewFor(ctx, user);
  if (!records) return null;
  const classes = [...TOTALS, ...classCodesOf(records.groups)];
  switch (user.role) {
    case 'GRID_WORKER': {
      const first = user.gridCodes[0];
      return first ? { home: first, gridCodes: user.gridCodes, classes } : null;
    }
    case 'ADMIN':
      return { home: CITY_CODE, gridCodes: null, classes };
    case 'DEPT_STAFF': {
      const unit = departmentUnitOf(ctx, user);
      return unit ? { home: unit, gridCodes: null, classes } : null;
    }
    default:
      return user.unitCode ? { home: user.unitCode, gridCodes: null, classes } : null;
  }
}

/**
 * Whether a unit (or cell) asked for overlaps what the caller sees: inside their subtree, above
 * it (clipped to it), or — for a grid worker — holding one of their cells. Otherwise 404.
 */
export function layerUnitVisible(view: RegisterLayerView, unit: string): boolean {
  if (view.gridCodes) return view.gridCodes.some((g) => isWithin(g, unit));
  return isWithin(unit, view.home) || isWithin(view.home, unit);
}

/** The rooms where a caller hears that a cell's counts changed: the layers rooms of their jurisdiction. */
export function layerRoomsFor(ctx: AppContext, user: AuthUser): string[] {
  const view = registerLayerViewFor(ctx, user);
  if (!view) return [];
  return (view.gridCodes ?? [view.home]).map(rooms.layers);
}

/** Where a change of a cell's counts is told: the layers rooms of the cell and every unit above it. */
export function layerRoomsOfCell(gridCode: string): string[] {
  return chainOf(gridCode).map(rooms.layers);
}
