import { availableActions } from '@wangge/shared/workflow/evaluate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseScopeWhere } from '../../api/src/policies';
import { login } from '../../api/src/services/auth/login';
import { getCase, loadNames } from '../../api/src/services/cases/get-case';
import { presentCaseDetail } from '../../api/src/services/cases/present-case';
import { toWorkflowCase } from '../../api/src/services/cases/to-workflow-case';
import { actOk, buildCase, dispatchedCase, loginAll, uploadPhoto } from '../support/factories';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';

// The case detail is read with raw prepared statements (db.reader + db/row-codec.ts): it must
// answer exactly what the same read through Prisma answers — dates, booleans, nulls, order.
describe('case detail read', () => {
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
        tasks: { orderBy: [{ dispatchedAt: 'asc' }, { id: 'asc' }] },
        events: { orderBy: { seq: 'asc' } },
        whistles: { orderBy: [{ calledAt: 'asc' }, { id: 'asc' }] },
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
    return { user, expected: { ...detail, names: loadNames(app.ctx, c) } };
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

    for (const username of [
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'admin',
    ]) {
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
    for (const username of ['dept.chengguan', 'township2.dispatcher']) {
      const reference = await throughPrisma(username, c.id).catch(() => null);
      if (reference) continue; // an account that may see it after all: nothing to compare
      const { user } = await login(app.ctx, username, DEMO_PASSWORD).catch(() => ({ user: null }));
      if (!user) continue;
      await expect(getCase(app.ctx, user, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
