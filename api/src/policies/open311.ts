import { Prisma } from '../generated/prisma/client';

/**
 * What Open311's public reads may show (docs/channels.md): only requests that came in through
 * Open311 (alias `q`, Open311Request), each with the case its CaseRef names today (alias `c`:
 * after a merge, the master), and of that case only its progress (state, owning unit, times),
 * never its other reporters' words. Cases from other channels are not public.
 */
export const open311RequestsSql = Prisma.sql`"Open311Request" q
  JOIN "CaseRef" r ON r."channel" = 'OPEN311' AND r."externalId" = q."serviceRequestId"
  JOIN "Case" c ON c."id" = r."caseId"`;

/** The case columns an Open311 read may take (progress only). */
export const OPEN311_CASE_COLUMNS = Prisma.sql`c."id" AS "caseId", c."state", c."ownerUnitCode", c."updatedAt", c."handleDeadline"`;
