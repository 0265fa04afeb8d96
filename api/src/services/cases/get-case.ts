import { type CaseSource, CITIZEN_SOURCES } from '@wangge/shared/domain/constants';
import { availableActions } from '@wangge/shared/workflow/evaluate';
import { canMergeAway } from '@wangge/shared/workflow/merge';
import { EVENT_COLUMNS } from '../../case-log/new-report';
import type { AppContext } from '../../context';
import { decodeAttachment, decodeCase, decodeEvent, decodeTask, decodeWhistle } from '../../db/row-codec';
import { type CaseEvent, Prisma } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { caseVisibleSql } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { findCaseCallers } from '../hotline/find-case-caller';
import { presentCaller } from '../hotline/present-caller';
import type { CaseWithTasks } from './action-effects';
import { loadMergeLinks } from './load-merge-links';
import { presentCaseDetail } from './present-case';
import { toWorkflowCase } from './to-workflow-case';

/**
 * One case with its tasks, full event log, attachments and the caller's available actions.
 * The hottest read: raw prepared statements on `db.reader` (Prisma's client runtime cost about
 * as much as the rest of the request: bench/README.md), the case within the access policy's
 * SQL condition (404 outside it).
 */
export async function getCase(ctx: AppContext, user: AuthUser, caseId: string) {
  const sql = ctx.db.reader;
  const q = Prisma.sql`SELECT c.* FROM "Case" c WHERE c."id" = ${caseId} AND ${caseVisibleSql(user, 'c')}`;
  const [row] = await sql.query(q.sql, q.values);
  if (!row) throw notFound('No such case.');
  const [tasks, events, whistles, attachments, actors, merge] = await Promise.all([
    sql.query(DETAIL.tasks, [caseId]),
    sql.query(DETAIL.events, [caseId]),
    sql.query(DETAIL.whistles, [caseId]),
    sql.query(DETAIL.attachments, [caseId]),
    sql.query(DETAIL.actors, [caseId]),
    loadMergeLinks(ctx, caseId, (row.mergedIntoId as string | null) ?? null),
  ]);
  const c = {
    ...decodeCase(row),
    tasks: tasks.map(decodeTask),
    events: events.map(decodeEvent),
    whistles: whistles.map(decodeWhistle),
  };
  const now = ctx.clock.now();
  const people = Object.fromEntries(actors.map((a) => [String(a.id), String(a.displayName)]));
  const names = loadNames(ctx, c, people);
  const detail = presentCaseDetail(
    c,
    c.tasks,
    c.whistles,
    c.events,
    attachments.map(decodeAttachment),
    availableActions(toWorkflowCase(c), user, now),
    now,
  );
  // The component the case concerns (城市部件), when the reporter named one.
  const [thing] = c.thingId ? await sql.query(DETAIL.thing, [c.thingId]) : [];
  // The 12345 caller (desk or exchange), the phone masked: only citizen-source cases have one.
  const stored = CITIZEN_SOURCES.includes(c.source as CaseSource)
    ? (await findCaseCallers(ctx, [c.id])).get(c.id)
    : undefined;
  const caller = stored ? presentCaller(ctx, user, c, stored) : null;
  // 并案: the master it was merged into, the duplicates merged into it, and whether this desk may merge it.
  return {
    ...detail,
    names,
    thing: thing ?? null,
    caller,
    merge: { ...merge, canMerge: canMergeAway(c, user) },
  };
}

/**
 * A case's parts, in the order the detail shows them. Tasks and whistle calls made by one
 * action share their time: the lead comes first, then by department (a stable order on both
 * databases; ids are random).
 */
const DETAIL = {
  tasks: 'SELECT * FROM "Task" WHERE "caseId" = ? ORDER BY "dispatchedAt", "isLead" DESC, "departmentId"',
  // The schema's columns only: on PostgreSQL the log also keeps its commit-order columns
  // (migrations/postgresql/0012), which only catch-up reads.
  events: `SELECT "seq", ${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "CaseEvent" WHERE "caseId" = ? ORDER BY "seq"`,
  whistles: 'SELECT * FROM "WhistleCall" WHERE "caseId" = ? ORDER BY "calledAt", "departmentId"',
  attachments: 'SELECT * FROM "Attachment" WHERE "caseId" = ? ORDER BY "createdAt", "id"',
  thing: 'SELECT "id", "code", "name", "classCode", "state", "lon", "lat" FROM "Thing" WHERE "id" = ?',
  // Who acted, by name: the history reads "张三 (城管局)", not a role and a code.
  actors:
    'SELECT DISTINCT u."id", u."displayName" FROM "User" u JOIN "CaseEvent" e ON e."actorId" = u."id" WHERE e."caseId" = ?',
};

/**
 * Names of the units, cell, departments and people a case mentions, so screens show words, not
 * codes. `people` maps the acting accounts' ids to their display names (read with the events).
 */
export function loadNames(
  ctx: AppContext,
  c: Pick<CaseWithTasks, 'ownerUnitCode' | 'villageCode' | 'townshipCode' | 'countyCode' | 'gridCode'> & {
    tasks: { departmentId: string }[];
    whistles: { departmentId: string }[];
    events: CaseEvent[];
  },
  people: Record<string, string> = {},
) {
  const unitCodes = new Set([c.ownerUnitCode, c.villageCode, c.townshipCode, c.countyCode]);
  const departmentIds = new Set([
    ...c.tasks.map((t) => t.departmentId),
    ...c.whistles.map((w) => w.departmentId),
  ]);
  for (const e of c.events) {
    unitCodes.add(e.toUnitCode);
    if (e.actorUnitCode) unitCodes.add(e.actorUnitCode);
    if (e.actorDepartmentId) departmentIds.add(e.actorDepartmentId);
  }
  const named = <T>(keys: Set<string>, lookup: (k: string) => T | undefined) =>
    Object.fromEntries(
      [...keys].flatMap((k) => {
        const v = lookup(k);
        return v === undefined ? [] : [[k, v]];
      }),
    );
  return {
    units: named(unitCodes, ctx.reference.unitName),
    departments: named(departmentIds, (id) => ctx.reference.department(id)?.name),
    grid: ctx.reference.gridName(c.gridCode) ?? c.gridCode,
    people,
  };
}
