import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import type { RegisterRecordType } from '@wangge/shared/register/layers';
import { Prisma } from '../../generated/prisma/client';

/**
 * How each register type counts its live records per cell: a SELECT of (gridCode, class,
 * count) rows for the cells a condition on its `gridCode` keeps — '' for all live records,
 * then any classes. The maintained table (RegisterCount) and the recount that proves it are
 * both this query, so they cannot disagree. A new record type adds one entry here.
 */
export const REGISTER_COUNT_SOURCES: Record<RegisterRecordType, (cells: Prisma.Sql) => Prisma.Sql> = {
  PERSON: personCounts,
};

/** The group of a class code, as SQL (from the one class table). */
const GROUP_OF_TAG = Prisma.raw(
  `CASE t."tagCode" ${PERSON_CLASSES.map((c) => `WHEN '${c.code}' THEN '${c.group}'`).join(' ')} END`,
);

/**
 * Persons: live = not archived, not anonymised. Per cell: all of them, each class, and each
 * group (persons with at least one class of it: a person in two 重点人员 classes counts once).
 */
function personCounts(cells: Prisma.Sql): Prisma.Sql {
  const live = Prisma.sql`p."archivedAt" IS NULL AND p."anonymisedAt" IS NULL AND ${cells}`;
  return Prisma.sql`
    SELECT p."gridCode" AS "gridCode", '' AS "class", COUNT(*) AS "count"
      FROM "Person" p WHERE ${live} GROUP BY p."gridCode"
    UNION ALL
    SELECT p."gridCode", t."tagCode", COUNT(*)
      FROM "Person" p JOIN "PersonTag" t ON t."personId" = p."id"
      WHERE ${live} GROUP BY p."gridCode", t."tagCode"
    UNION ALL
    SELECT p."gridCode", ${GROUP_OF_TAG}, COUNT(DISTINCT p."id")
      FROM "Person" p JOIN "PersonTag" t ON t."personId" = p."id"
      WHERE ${live} GROUP BY p."gridCode", ${GROUP_OF_TAG}`;
}

/** The condition keeping some cells of a source (alias `p`), or every cell. */
export function cellsCondition(gridCodes: readonly string[] | null): Prisma.Sql {
  return gridCodes ? Prisma.sql`p."gridCode" IN (${Prisma.join(gridCodes)})` : Prisma.sql`1 = 1`;
}

/** A record type as an SQL literal (a constant of the type list; no parameter: PostgreSQL cannot type one in a SELECT list). */
export function typeLiteral(recordType: RegisterRecordType): Prisma.Sql {
  return Prisma.raw(`'${recordType}'`);
}
