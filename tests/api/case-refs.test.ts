import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCase } from '../../api/src/services/cases/report-case';
import { channelUser } from '../../api/src/services/channels/channel-user';
import { pointIn } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Channels report through a channel account, with their own ids of the case (CaseRef). */
describe('channel reports and their refs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('writes the refs with the case, once per idempotency key, and keeps a channel id to one case', async () => {
    const user = await channelUser(app.ctx, 'test-platform', '测试平台');
    expect(user).toMatchObject({ role: 'HOTLINE', username: 'channel.test-platform' });
    expect((await channelUser(app.ctx, 'test-platform', '测试平台')).id).toBe(user.id);
    const cell = await app.ctx.db.read.grid.findFirstOrThrow({ select: { code: true } });
    const location = await pointIn(app, cell.code);
    const input = { categoryCode: '0201', description: '外部平台工单：路灯不亮', location };
    const refs = [{ channel: 'HOTLINE_ORDER' as const, externalId: 'GD-2026-0001' }];
    const first = await reportCase(app.ctx, user, input, 'GD-2026-0001', { refs });
    const again = await reportCase(app.ctx, user, input, 'GD-2026-0001', { refs });
    expect(first.created).toBe(true);
    if (!first.created) return;
    expect(first.case.source).toBe('HOTLINE');
    expect(again).toEqual({ created: false, caseId: first.case.id });
    const rows = await app.ctx.db.read.caseRef.findMany({ where: { channel: 'HOTLINE_ORDER' } });
    expect(rows.map((r) => [r.caseId, r.externalId])).toEqual([[first.case.id, 'GD-2026-0001']]);

    // The same channel id under another key is refused whole: no second case, no second ref.
    const cases = await app.ctx.db.read.case.count();
    await expect(reportCase(app.ctx, user, input, 'another-key', { refs })).rejects.toThrow();
    expect(await app.ctx.db.read.case.count()).toBe(cases);

    const open311 = await reportCase(app.ctx, user, input, 'o-1', {
      source: 'OPEN311',
      refs: [{ channel: 'OPEN311', externalId: 'r-1' }],
    });
    expect(open311.created && open311.case.source).toBe('OPEN311');
  });

  it('cannot be signed in to', async () => {
    await channelUser(app.ctx, 'test-platform', '测试平台');
    const res = await app
      .anonymous()
      .post('/api/auth/login', { username: 'channel.test-platform', password: '' });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
