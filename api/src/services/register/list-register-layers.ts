import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { significantPrefix } from '@wangge/shared/domain/unit-codes';
import { layerKey, RECORD_LAYER_CLASSES, type RegisterLayers } from '@wangge/shared/register/layers';
import type { TLayerQuery } from '@wangge/shared/schemas/register';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/app-error';
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
  const layers = [
    ...view.classes.map((c) => layerKey('PERSON', c)),
    ...Object.entries(RECORD_LAYER_CLASSES).flatMap(([t, classes]) => classes.map((c) => layerKey(t, c))),
  ];
  if (query.layer && !layers.includes(query.layer))
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'query.layer', message: 'must be one of the layers you may see' },
    ]);
  // The cells: a unit's subtree, and a grid worker's own cells only.
  const cells = [`"gridCode" >= ?`, `"gridCode" < ?`];
  const cellValues: unknown[] = [start, `${start};`];
  if (view.gridCodes) {
    cells.push(`"gridCode" IN (${view.gridCodes.map(() => '?').join(', ')})`);
    cellValues.push(...view.gridCodes);
  }
  const read = {
    code: CODE_AT_LEVEL[query.level],
    cells,
    cellValues,
    today: toShanghaiDate(ctx.clock.now()),
  };
  const answer = { unit: query.unit, level: query.level, layers };
  if (query.layer) return { ...answer, ...(await readOne(ctx, read, query.layer)) };
  return { ...answer, ...(await readAll(ctx, read, view.classes, layers)) };
}

interface LayerRead {
  /** The code a row is summed under (CODE_AT_LEVEL). */
  code: string;
  /** Conditions on the cells, and their values. */
  cells: string[];
  cellValues: unknown[];
  /** Shanghai day: due visits before it are overdue. */
  today: string;
}

/**
 * One layer: its rows only, through the index (recordType, class, gridCode) — ~11,000 rows for
 * the city whatever the register's size. VISIT:OVERDUE sums the due days before today.
 */
async function readOne(ctx: AppContext, r: LayerRead, layer: string) {
  const [type, cls = ''] = layer.split(':') as [string, string?];
  const overdue = type === 'VISIT';
  const rows = await ctx.db.reader.query<{ code: string; n: number }>(
    `SELECT ${r.code} AS "code", SUM("count") AS "n" FROM "RegisterCount"
      WHERE "recordType" = ? AND "class" ${overdue ? '<' : '='} ? AND ${r.cells.join(' AND ')}
      GROUP BY 1 HAVING SUM("count") > 0 ORDER BY 1`,
    [type, overdue ? r.today : cls, ...r.cellValues],
  );
  return { codes: rows.map((row) => row.code), counts: { [layer]: rows.map((row) => Number(row.n)) } };
}

/** Every layer the caller may see, one row per cell with its counts packed. */
async function readAll(ctx: AppContext, r: LayerRead, classes: readonly string[], layers: string[]) {
  // Persons' classes as the policy allows; the other types' counts are figures about places
  // and things (RECORD_LAYER_CLASSES).
  const where = [
    ...r.cells,
    `("recordType" <> 'PERSON' OR "class" IN (${classes.map(() => '?').join(', ')}))`,
  ];
  // One row per cell with its counts packed (`PERSON:=545,PERSON:KEY=3,…`): a city holds dozens
  // of count rows per cell, and building a JS object per row cost more than the query.
  const concat = ctx.db.provider === 'sqlite' ? 'group_concat' : 'string_agg';
  const packed = `${concat}("recordType" || ':' || "class" || '=' || "n", ',')`;
  // Due visits are counted by due day: those due before today are the layer VISIT:OVERDUE.
  const cls = `CASE WHEN "recordType" = 'VISIT' THEN CASE WHEN "class" < ? THEN 'OVERDUE' ELSE 'LATER' END ELSE "class" END`;
  const rows = await ctx.db.reader.query<{ code: string; counts: string }>(
    `SELECT "code", ${packed} AS "counts" FROM (
       SELECT ${r.code} AS "code", "recordType", ${cls} AS "class", SUM("count") AS "n"
         FROM "RegisterCount" WHERE ${where.join(' AND ')}
        GROUP BY 1, 2, 3) s
      WHERE "n" > 0 AND "class" <> 'LATER' GROUP BY "code" ORDER BY "code"`,
    [r.today, ...r.cellValues, ...classes],
  );
  const counts: Record<string, number[]> = {};
  for (const layer of layers) counts[layer] = new Array<number>(rows.length).fill(0);
  rows.forEach((row, i) => {
    for (const item of row.counts.split(',')) {
      const colon = item.indexOf(':');
      const equals = item.lastIndexOf('=');
      const column = counts[layerKey(item.slice(0, colon), item.slice(colon + 1, equals))];
      if (column) column[i] = Number(item.slice(equals + 1));
    }
  });
  return { codes: rows.map((row) => row.code), counts };
}
