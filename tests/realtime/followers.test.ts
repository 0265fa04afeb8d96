import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, buildCase } from '../support/factories';
import { listen } from '../support/socket-client';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * 并案: the reporter of a duplicate merged into a master gets the master's events live, in
 * their own room, like its reporter — and again in the replay after a reconnect; a stranger
 * gets neither.
 */
describe('followers of a master case (并案)', () => {
  let app: TestApp;
  const u: Record<string, ApiClient> = {};
  beforeAll(async () => {
    app = await startTestApp();
    for (const n of [
      'gridworker',
      'gridworker2',
      'village.operator',
      'village2.operator',
      'township2.dispatcher',
      'county.dispatcher',
    ])
      u[n] = await app.as(n);
  });
  afterAll(() => app.close());

  it('delivers the master’s events to the duplicate’s reporter, live and on catch-up', async () => {
    const master = await buildCase(app, u.gridworker!);
    // gridworker2's report lies in the other township: merged at the county desk.
    let dup = await buildCase(app, u.gridworker2!);
    dup = await actOk(u['village2.operator']!, dup, 'REGISTER');
    dup = await actOk(u['village2.operator']!, dup, 'ESCALATE', { reason: '跨街道同一事件' });
    dup = await actOk(u['township2.dispatcher']!, dup, 'REGISTER');
    dup = await actOk(u['township2.dispatcher']!, dup, 'ESCALATE', { reason: '请区中心并案' });
    dup = await actOk(u['county.dispatcher']!, dup, 'REGISTER');

    const follower = await listen(app, u.gridworker2!);
    const stranger = await listen(app, u['village2.operator']!);
    const merged = await u['county.dispatcher']!.post(`/api/cases/${dup.id}/merge`, {
      masterId: master.id,
      version: dup.version,
    });
    expect(merged.status).toBe(200);
    const masterNow = (await u['village.operator']!.get(`/api/cases/${master.id}`)).body.data;
    const mergeIn = masterNow.events.at(-1);
    expect(mergeIn.action).toBe('MERGE_IN');
    // The MERGE_IN event already names the new follower: they learn of it live.
    await follower.waitForSeq(mergeIn.seq);
    const registered = await actOk(u['village.operator']!, masterNow, 'REGISTER');
    const seq = registered.events.at(-1).seq;
    const got = await follower.waitForSeq(seq);
    expect(got.event).toMatchObject({ caseId: master.id, action: 'REGISTER', toState: 'REGISTERED' });
    // The village of the duplicate saw its own case merged, but not the master's steps.
    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.received.map((r) => r.event.seq)).not.toContain(seq);
    expect(stranger.received.some((r) => r.event.caseId === dup.id && r.event.action === 'MERGE')).toBe(true);
    const mark = follower.received.at(-1)!.event.seq;
    follower.close();
    stranger.close();

    // Missed while away: replayed from the log by the same rule (the event's audienceUsers).
    const escalated = await actOk(u['village.operator']!, registered, 'ESCALATE', { reason: '需要街道处置' });
    const again = await listen(app, u.gridworker2!, { lastSeq: mark });
    const replayed = again.received.filter((r) => r.event.caseId === master.id).map((r) => r.event.seq);
    expect(replayed).toEqual([escalated.events.at(-1).seq]);
    again.close();
  });
});
