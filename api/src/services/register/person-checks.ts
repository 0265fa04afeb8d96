import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';

/** A cell's unit codes, for the person's denormalised jurisdiction columns; 400 when unknown. */
export async function findCell(ctx: AppContext, gridCode: string) {
  const cell = await ctx.db.read.grid.findUnique({
    where: { code: gridCode },
    select: { code: true, villageCode: true, townshipCode: true, countyCode: true },
  });
  if (!cell)
    throw new AppError('VALIDATION_FAILED', 'The person is invalid.', [
      { path: 'gridCode', message: 'is not a grid cell' },
    ]);
  return {
    gridCode: cell.code,
    villageCode: cell.villageCode,
    townshipCode: cell.townshipCode,
    countyCode: cell.countyCode,
  };
}

/** A person's address must be a live place of their own cell. */
export async function checkPlace(ctx: AppContext, placeId: string, gridCode: string): Promise<void> {
  const place = await ctx.db.read.place.findUnique({
    where: { id: placeId },
    select: { gridCode: true, archivedAt: true },
  });
  if (!place || place.archivedAt || place.gridCode !== gridCode)
    throw new AppError('VALIDATION_FAILED', 'The person is invalid.', [
      { path: 'placeId', message: "must be a place of the person's cell" },
    ]);
}
