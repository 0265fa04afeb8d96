import { isGridCode } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';

/** A former code a read was asked for, as the code alias table has it. */
export interface AliasUsed {
  code: string;
  name: string;
  changedOn: string;
}

/**
 * The current code for a unit or grid-cell code, through the code alias table (茌平县 371523…
 * → 茌平区 371503…, derived down to villages: docs/grids.md): a unit's old code maps as a
 * whole, a cell's old code by its village (the 3-digit serial stays). Codes without an alias
 * come back as they are.
 */
export async function resolveCurrentCode(
  ctx: AppContext,
  requested: string,
): Promise<{ code: string; aliasOf?: AliasUsed }> {
  const grid = isGridCode(requested);
  const key = grid ? requested.slice(0, 12) : requested;
  const alias = await ctx.db.read.unitCodeAlias.findUnique({ where: { oldCode: key } });
  if (!alias) return { code: requested };
  return {
    code: grid ? `${alias.code}${requested.slice(12)}` : alias.code,
    aliasOf: { code: requested, name: alias.oldName, changedOn: alias.changedOn },
  };
}
