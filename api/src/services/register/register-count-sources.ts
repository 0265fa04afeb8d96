import { PERSON_CLASSES } from '@wangge/shared/register/classes';
import type { RegisterRecordType } from '@wangge/shared/register/layers';
import { Prisma } from '../../generated/prisma/client';

/**
 * How each register type counts its live records per cell: a SELECT of (gridCode, class,
 * count) rows for the cells a condition on its `gridCode` keeps — '' for all live records,
 * then any classes. The maintained table (RegisterCount) and the recount that proves it are
 * both this query, so they cannot disagree. A new record type adds one entry here.
 */
export const REGISTER_COUNT_SOURCES: Record<
  RegisterRecordType,
  (cells: Prisma.Sql, today: string) => Prisma.Sql
> = {
  PERSON: personCounts,
  PLACE: (cells) => byKind('Place', 'kind', cells),
  THING: thingCounts,
  ORGANISATION: (cells) => byKind('Organisation', 'kind', cells),
  SITUATION: (cells) => byKind('Situation', 'kind', cells),
  VISIT: visitCounts,
};

/** The types a writer of one type recounts: a person's tags also move their due visit. */
export const COUNTED_WITH: Partial<Record<RegisterRecordType, readonly RegisterRecordType[]>> = {
  PERSON: ['PERSON', 'VISIT'],
};

/** A record table's live records per cell: all of them, and by one kind column. */
function byKind(table: string, column: string, cells: Prisma.Sql): Prisma.Sql {
  const t = Prisma.raw(`"${table}"`);
  const kind = Prisma.raw(`p."${column}"`);
  const live = Prisma.sql`p."archivedAt" IS NULL AND ${cells}`;
  return Prisma.sql`
    SELECT p."gridCode" AS "gridCode", '' AS "class", COUNT(*) AS "count"
      FROM ${t} p WHERE ${live} GROUP BY p."gridCode"
    UNION ALL
    SELECT p."gridCode", ${kind}, COUNT(*) FROM ${t} p WHERE ${live} GROUP BY p."gridCode", ${kind}`;
}

/** Components: all, by top class (the first two digits of the class code), and FAULTY (not 完好). */
function thingCounts(cells: Prisma.Sql): Prisma.Sql {
  const live = Prisma.sql`p."archivedAt" IS NULL AND ${cells}`;
  return Prisma.sql`
    SELECT p."gridCode" AS "gridCode", '' AS "class", COUNT(*) AS "count"
      FROM "Thing" p WHERE ${live} GROUP BY p."gridCode"
    UNION ALL
    SELECT p."gridCode", substr(p."classCode", 1, 2), COUNT(*)
      FROM "Thing" p WHERE ${live} GROUP BY p."gridCode", substr(p."classCode", 1, 2)
    UNION ALL
    SELECT p."gridCode", 'FAULTY', COUNT(*)
      FROM "Thing" p WHERE ${live} AND p."state" <> 'NORMAL' GROUP BY p."gridCode"`;
}

/**
 * Live tagged persons by the day their next home visit is due (Person.visitDueDay). Days before
 * the day of the count are overdue for good (until a visit, which recounts): they are one row,
 * OVERDUE_SINCE_BEFORE, so a cell holds that row and at most its future due days (a class's
 * frequency: ≤ 30), not one row per past day — at 6,000,000 persons the per-day rows were
 * 296,000, and reading the city's overdue layer summed them all.
 */
function visitCounts(cells: Prisma.Sql, today: string): Prisma.Sql {
  const day = Prisma.sql`CASE WHEN p."visitDueDay" < ${today} THEN ${OVERDUE_BEFORE} ELSE p."visitDueDay" END`;
  return Prisma.sql`
    SELECT p."gridCode" AS "gridCode", ${day} AS "class", COUNT(*) AS "count"
      FROM "Person" p
     WHERE p."archivedAt" IS NULL AND p."anonymisedAt" IS NULL AND p."visitDueDay" IS NOT NULL AND ${cells}
     GROUP BY 1, 2`;
}

/** The class of the persons already overdue when their cell was counted: before every day. */
export const OVERDUE_BEFORE = '0000-00-00';

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
