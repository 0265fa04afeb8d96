import { OPEN_STATES } from '@wangge/shared/domain/constants';
import type { Prisma } from '../../generated/prisma/client';

/**
 * What "open", "overdue" and "yellow" mean now, for the command headline, the map's cells and
 * the alarm wall alike. Overdue counts from the step deadline itself, as the timer sweep raises
 * the red card (so a count never waits up to a sweep's interval); yellow, from the yellow-card
 * time (黄牌预警) until the deadline.
 */
export const openWhere: Prisma.CaseWhereInput = { state: { in: [...OPEN_STATES] } };

/** Open and past the current step's deadline (红牌/超期). */
export const overdueWhere = (now: Date): Prisma.CaseWhereInput => ({
  AND: [openWhere, { stageDeadline: { lte: now } }],
});

/** Open, the yellow card due, the deadline not yet passed (黄牌). */
export const yellowWhere = (now: Date): Prisma.CaseWhereInput => ({
  AND: [openWhere, { yellowAt: { lte: now } }, { stageDeadline: { gt: now } }],
});
