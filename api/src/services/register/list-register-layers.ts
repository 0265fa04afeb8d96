import { significantPrefix } from '@wangge/shared/domain/unit-codes';
import { layerKey, REGISTER_RECORD_TYPES, type RegisterLayers } from '@wangge/shared/register/layers';
import type { TLayerQuery } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { layerUnitVisible, type RegisterLayerView } from '../../policies/register-layers';

/** The code a count row is summed under per level: the cell, or its village, township, county (12-digit codes). */
const CODE_AT_LEVEL: Record<TLayerQuery['level'], string> = {
  grid: '"gridCode"',
  village: 'substr("gridCode", 1, 12)',
  township: `substr("gridCode", 1, 9) || '000'`,
  county: `substr("gridCode", 1, 6) || '000000'`,
};

/**
 * The 综治一张图 layers under a unit: live records per cell (or per village, township, county)
 * by record type and class, from the maintained count table — one range read of its primary
 * key, whatever the size of the register. Clipped to the caller's view: their subtree (a unit
 * above it is cut to it), a grid worker's own cells, and only the classes the policy lets
 * them count (policies/register-layers.ts). A unit outside the caller's view: 404.
 */
export async function listRegisterLayers(
  ctx: AppContext,
  view: RegisterLayerView,
  query: TLayerQuery,
): Promise<RegisterLayers> {
  const known = ctx.reference.unitName(query.unit) ?? ctx.reference.gridName(query.unit);
  if (!known || !layerUnitVisible(view, query.unit)) throw notFound('No such unit.');
  // The narrower of the unit asked and the caller's home: cells whose code starts with it.
  const prefix =
    significantPrefix(query.unit).length >= significantPrefix(view.home).length ? query.unit : view.home;
  const start = significantPrefix(prefix);
  const where = [
    `"gridCode" >= ?`,
    `"gridCode" < ?`,
    `"class" IN (${view.classes.map(() => '?').join(', ')})`,
  ];
  const values: unknown[] = [start, `${start};`, ...view.classes];
  if (view.gridCodes) {
    where.push(`"gridCode" IN (${view.gridCodes.map(() => '?').join(', ')})`);
    values.push(...view.gridCodes);
  }
  const code = CODE_AT_LEVEL[query.level];
  const rows = await ctx.db.reader.query<{ code: string; recordType: string; class: string; count: number }>(
    `SELECT ${code} AS "code", "recordType", "class", CAST(SUM("count") AS INTEGER) AS "count"
       FROM "RegisterCount" WHERE ${where.join(' AND ')}
      GROUP BY ${code}, "recordType", "class" HAVING SUM("count") > 0 ORDER BY 1`,
    values,
  );
  const cells: RegisterLayers['cells'] = [];
  let last: RegisterLayers['cells'][number] | undefined;
  for (const row of rows) {
    if (last?.code !== row.code) {
      last = { code: row.code, counts: {} };
      cells.push(last);
    }
    last.counts[layerKey(row.recordType, row.class)] = Number(row.count);
  }
  const layers = REGISTER_RECORD_TYPES.flatMap((t) => view.classes.map((c) => layerKey(t, c)));
  return { unit: query.unit, level: query.level, layers, cells };
}
