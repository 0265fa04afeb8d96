import { chainOf } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';

/**
 * The place's full name: the unit path from the city down (聊城市 东昌府区 古楼街道 古城社区居委会),
 * then the cell's name and the place's own name when they add something.
 */
export function placePath(ctx: AppContext, unitCode: string, tail: readonly string[] = []): string {
  const names = chainOf(unitCode)
    .reverse()
    .flatMap((code) => {
      const name = ctx.reference.unitName(code);
      return name ? [name] : [];
    });
  for (const t of tail) if (t && names.at(-1) !== t) names.push(t);
  return names.join(' ');
}
