import { availableActions } from '@wangge/shared/workflow/evaluate';
import { canMergeAway } from '@wangge/shared/workflow/merge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../api/src/generated/prisma/client';
import { caseScopeWhere, unitSubtreeWhere } from '../../api/src/policies';
import { login } from '../../api/src/services/auth/login';
import { getCase, loadNames } from '../../api/src/services/cases/get-case';
import { listCases, summaryNames } from '../../api/src/services/cases/list-cases';
import {
  presentAttachment,
  presentCaseDetail,
  presentCaseSummary,
} from '../../api/src/services/cases/present-case';
import { toWorkflowCase } from '../../api/src/services/cases/to-workflow-case';
import { findCaseCallers } from '../../api/src/services/hotline/find-case-caller';
import { presentCaller } from '../../api/src/services/hotline/present-caller';
import { actOk, buildCase, dispatchedCase, loginAll, uploadPhoto } from '../support/factories';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';

// The case detail and lists are read with raw prepared statements (db.reader + db/row-codec.ts): it must
// answer exactly what the same read through Prisma answers — dates, booleans, nulls, order.
/** One account of each kind of scope: a cell, a village, a township, a department, the city. */
const ACCOUNTS = ['gridworker', 'village.operator', 'township.dispatcher', 'dept.chengguan', 'admin'];

describe('raw reads: case detail and lists', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** The detail as Prisma reads it (the implementation before the raw read). */
  async function throughPrisma(username: string, caseId: string) {
    const { user } = await login(app.ctx, username, DEMO_PASSWORD);
    const c = await app.ctx.db.read.case.findFirst({
      where: { AND: [{ id: caseId }, caseScopeWhere(user)] },
      include: {
        tasks: { orderBy: [{ dispatchedAt: 'asc' }, { isLead: 'desc' }, { departmentId: 'asc' }] },
        events: { orderBy: { seq: 'asc' } },
        whistles: { orderBy: [{ calledAt: 'asc' }, { departmentId: 'asc' }] },
      },
    });
    if (!c) return null;
    const attachments = await app.ctx.db.read.attachment.findMany({
      where: { caseId: c.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const now = app.ctx.clock.now();
    const detail = presentCaseDetail(
      c,
      c.tasks,
      c.whistles,
      c.events,
      attachments,
      availableActions(toWorkflowCase(c), user, now),
      now,
    );
    const actors = await app.ctx.db.read.user.findMany({
      where: { id: { in: c.events.map((e) => e.actorId) } },
      select: { id: true, displayName: true },
    });
    const people = Object.fromEntries(actors.map((a) => [a.id, a.displayName]));
    // The component the case names (城市部件), if any.
    const thing = c.thingId
      ? await app.ctx.db.read.thing.findUnique({
          where: { id: c.thingId },
          select: { id: true, code: true, name: true, classCode: true, state: true, lon: true, lat: true },
        })
      : null;
    // 并案: the master, the duplicates merged in with their photos, the followers.
    const db = app.ctx.db.read;
    const mergedInto = c.mergedIntoId
      ? await db.case.findUnique({
          where: { id: c.mergedIntoId },
          select: { id: true, code: true, title: true, state: true },
        })
      : null;
    const duplicates = await db.case.findMany({
      where: { mergedIntoId: c.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, title: true, state: true, source: true, createdAt: true },
    });
    const photos = await db.attachment.findMany({
      where: { caseId: { in: duplicates.map((d) => d.id) }, mime: { startsWith: 'image/' } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const merge = {
      mergedInto,
      duplicates: duplicates.map((d) => ({
        ...d,
        createdAt: d.createdAt.toISOString(),
        photos: photos.filter((p) => p.caseId === d.id).map(presentAttachment),
      })),
      followerCount: await db.caseFollower.count({ where: { caseId: c.id } }),
      canMerge: canMergeAway(c, user),
    };
    // The 12345 caller (read through Prisma by its reader), masked for this user.
    const stored = (await findCaseCallers(app.ctx, [c.id])).get(c.id);
    const caller = stored ? presentCaller(app.ctx, user, c, stored) : null;
    return { user, expected: { ...detail, names: loadNames(app.ctx, c, people), thing, caller, merge } };
  }

  it('equals the Prisma read for a case with co-handlers, a whistle call, photos and rework', async () => {
    const p = await loginAll(app, 'gridworker', 'village.operator', 'township.dispatcher', 'dept.chengguan');
    const parties = {
      worker: p.gridworker,
      village: p['village.operator'],
      township: p['township.dispatcher'],
    };
    let c = await dispatchedCase(app, parties, '371502-CHENGGUAN', ['371502-GONGAN']);
    app.clock.advance(5 * 60_000);
    c = await actOk(p['township.dispatcher'], c, 'WHISTLE', {
      departmentIds: ['371502-SHUIWU'],
      reason: '需要水务配合',
    });
    app.clock.advance(5 * 60_000);
    c = await actOk(p['dept.chengguan'], c, 'CLAIM');
    app.clock.advance(5 * 60_000);
    const photo = await uploadPhoto(p['dept.chengguan']);
    c = await actOk(p['dept.chengguan'], c, 'FEEDBACK', { note: '已清理', attachmentIds: [photo] });
    app.clock.advance(5 * 60_000);
    c = await actOk(p.gridworker, c, 'CHECK_FAIL', { reason: '又来了' });

    for (const username of ACCOUNTS) {
      const reference = await throughPrisma(username, c.id);
      expect(reference, username).not.toBeNull();
      const got = await getCase(app.ctx, reference!.user, c.id);
      expect(JSON.parse(JSON.stringify(got)), username).toEqual(
        JSON.parse(JSON.stringify(reference!.expected)),
      );
    }
    const detail = await getCase(app.ctx, (await login(app.ctx, 'admin', DEMO_PASSWORD)).user, c.id);
    // Ordered by dispatch: the rework re-dispatched the lead after the co-handler.
    expect(detail.tasks.map((t) => [t.departmentId, t.isLead])).toEqual([
      ['371502-GONGAN', false],
      ['371502-CHENGGUAN', true],
    ]);
    const feedback = detail.events.find((e) => e.action === 'FEEDBACK');
    expect(feedback).toMatchObject({ payload: { onTime: true } });
    expect(feedback?.attachments.map((a) => a.id)).toEqual([photo]);
  });

  it('is 404 outside the caller’s jurisdiction, like the Prisma read', async () => {
    const worker = await app.as('gridworker');
    const c = await buildCase(app, worker);
    // A department nothing was dispatched to, and the neighbouring township: neither may see it.
    for (const username of ['dept.chengguan', 'township2.dispatcher']) {
      expect(await throughPrisma(username, c.id), username).toBeNull();
      const { user } = await login(app.ctx, username, DEMO_PASSWORD);
      await expect(getCase(app.ctx, user, c.id), username).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('lists what the Prisma read lists, for every filter, scope branch and page', async () => {
    const worker = await app.as('gridworker');
    // Titles with LIKE's wildcards, to check they are matched literally.
    for (const description of ['占道 100% 经营', '占道_经营', '井盖缺失', '垃圾 清运']) {
      await buildCase(app, worker, { description });
      app.clock.advance(60_000);
    }
    const queries: Record<string, unknown>[] = [
      {},
      { state: ['REPORTED'] },
      { q: '100%' },
      { q: '_' },
      { q: '占道' },
      { category: '02' },
      { category: '0_' },
      { mine: 'reported' },
      { mine: 'department' },
      { grid: worker.user.gridCodes[0] },
      { unit: '371502000000' },
      { owner: 'nope' },
      { sort: 'deadline' },
      { sort: 'deadline', state: ['REPORTED', 'REGISTERED'] },
      { sort: 'deadline', q: '占道' },
    ];
    for (const username of ACCOUNTS) {
      const { user } = await login(app.ctx, username, DEMO_PASSWORD);
      for (const extra of queries) {
        const query = { limit: 3, sort: 'newest', ...extra } as Parameters<typeof listCases>[2];
        let cursor: string | undefined;
        const seen: unknown[] = [];
        for (let page = 0; page < 40; page++) {
          const got = await listCases(app.ctx, user, { ...query, ...(cursor ? { cursor } : {}) });
          seen.push(...JSON.parse(JSON.stringify(got.data)));
          if (!got.nextCursor) break;
          cursor = got.nextCursor;
        }
        const expected = await listThroughPrisma(user, extra);
        expect(seen, `${username} ${JSON.stringify(extra)}`).toEqual(JSON.parse(JSON.stringify(expected)));
      }
    }
  });

  /** Every case of the list through Prisma (the implementation before the raw read), newest first. */
  async function listThroughPrisma(user: Awaited<ReturnType<typeof login>>['user'], q: Record<string, any>) {
    const filters: Prisma.CaseWhereInput[] = [];
    if (q.state) filters.push({ state: { in: q.state } });
    if (q.unit) filters.push(unitSubtreeWhere(q.unit));
    if (q.grid) filters.push({ gridCode: q.grid });
    if (q.owner) filters.push({ ownerUnitCode: q.owner });
    if (q.category) filters.push({ categoryCode: { startsWith: q.category } });
    if (q.q)
      filters.push({
        OR: [{ title: { contains: q.q } }, { code: { contains: q.q } }, { description: { contains: q.q } }],
      });
    if (q.mine === 'reported') filters.push({ reporterId: user.id });
    if (q.mine === 'department') filters.push({ tasks: { some: { departmentId: user.departmentId ?? '' } } });
    const rows = await app.ctx.db.read.case.findMany({
      where: { AND: [caseScopeWhere(user), ...filters] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    // Prisma passes `%` and `_` through to LIKE as wildcards (a search for "_" matched every
    // case); the raw read matches them literally, which is what a user typing them means.
    const literal = rows.filter(
      (c) =>
        (!q.q || [c.title, c.code, c.description].some((t) => t.includes(q.q))) &&
        (!q.category || c.categoryCode.startsWith(q.category)),
    );
    // By urgency: step deadline soonest first, none last, ties by id.
    if (q.sort === 'deadline')
      literal.sort(
        (a, b) =>
          (a.stageDeadline === null ? 1 : 0) - (b.stageDeadline === null ? 1 : 0) ||
          (a.stageDeadline?.getTime() ?? 0) - (b.stageDeadline?.getTime() ?? 0) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    return literal.map((c) => ({
      ...presentCaseSummary(c, app.ctx.clock.now()),
      names: summaryNames(app.ctx.reference, c),
    }));
  }
});
