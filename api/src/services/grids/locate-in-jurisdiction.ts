import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { coversGrid, departmentUnitOf } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/**
 * The grid cell a point falls in, if the caller may act there: 422 LOCATION_OUTSIDE_GRID
 * outside every cell, 422 LOCATION_OUTSIDE_JURISDICTION outside the caller's reach. Used by
 * reporting and by the locate endpoint, so both answer the same.
 */
export function locateInJurisdiction(ctx: AppContext, user: AuthUser, lon: number, lat: number): string {
  const code = ctx.grids.locate(lon, lat);
  if (!code)
    throw new AppError('LOCATION_OUTSIDE_GRID', 'The location is not inside any grid cell of the city.');
  if (!coversGrid(user, code, departmentUnitOf(ctx, user))) {
    throw new AppError('LOCATION_OUTSIDE_JURISDICTION', 'The location is outside your jurisdiction.');
  }
  return code;
}
