import type { Prisma } from '../../../generated/prisma/client';
import type { CellScope } from '../../../policies/register';

/** A record view's cell scope as a filter on the grid table (its own code is `code`). */
export function gridWhere(scope: CellScope, code: string): Prisma.GridWhereInput {
  const { gridCode, ...units } = scope;
  return {
    AND: [{ code }, units, gridCode === undefined ? {} : { code: gridCode }],
  };
}

/** A team member as the API shows them: the phone masked. */
export const MEMBER_SELECT = {
  id: true,
  role: true,
  name: true,
  userId: true,
  phoneMasked: true,
  position: true,
} as const;
