import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCase } from '../../api/src/services/cases/report-case';
import { channelUser } from '../../api/src/services/channels/channel-user';
import { actOk, buildCase, dispatchedCase, loginAll, pointIn, uploadPhoto } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Case = { id: string; code: string; version: number; state: string };

/** 并案: attaching a report to an open case, and merging a duplicate into a master on a desk. */
describe('attach and merge (并案)', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let at: { lon: number; lat: number };

  const attach = (c: ApiClient, id: string, body: object, key: string = randomUUID()) =>
    c.post(`/api/cases/${id}/attach`, body, key ? { 'idempotency-key': key } : {});
  const merge = (c: ApiClient, dup: { id: string; version: number }, masterId: string) =>
    c.post(`/api/cases/${dup.id}/merge`, { masterId, version: dup.version });
  const detail = async (c: ApiClient, id: string) => (await c.get(`/api/cases/${id}`)).body.data;
  const pathsOf = (res: { body: { error: { details?: { path: string; message: string }[] } } }) =>
    (res.body.error.details ?? []).map((d) => `${d.path}: ${d.message}`);

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'hotline',
      'village.operator',
      'village2.operator',
      'township.dispatcher',
      'township2.dispatcher',
      'county.dispatcher',
      'dept.chengguan',
    );
    at = await pointIn(app, u.gridworker!.user.gridCodes[0]);
  });
  afterAll(() => app?.close());

  it('attaches a report to an open case: the reporter follows it, the photo and the log go to it, once per key', async () => {
    const master: Case = await buildCase(app, u.gridworker!);
    const photo = await uploadPhoto(u.hotline!);
    const body = { description: '市民来电：同一处占道经营', location: at, attachmentIds: [photo] };
    const key = randomUUID();
    const first = await attach(u.hotline!, master.id, body, key);
    expect(first.status).toBe(201);
    const attached = first.body.data.events.at(-1);
    expect(attached).toMatchObject({ action: 'ATTACH', fromState: 'REPORTED', toState: 'REPORTED' });
    expect(attached.attachments.map((a: { id: string }) => a.id)).toEqual([photo]);
    expect(first.body.data.merge.followerCount).toBe(1);
    const follower = await app.ctx.db.read.caseFollower.findMany({ where: { caseId: master.id } });
    expect(follower.map((f) => [f.userId, f.via])).toEqual([[u.hotline!.user.id, 'ATTACH']]);

    // A retry answers with the case and writes nothing; the key with another body is refused.
    const events = first.body.data.events.length;
    const again = await attach(u.hotline!, master.id, body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.events).toHaveLength(events);
    const reused = await attach(u.hotline!, master.id, { ...body, description: '另一件事情' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The version is untouched: a desk acting on the case meanwhile is not bounced.
    expect(again.body.data.version).toBe(master.version);
  });

  it('refuses a bad attach listing every problem, a role that cannot report, a case out of sight or finished', async () => {
    const master: Case = await buildCase(app, u.gridworker!);
    const bad = await u.hotline!.post(`/api/cases/${master.id}/attach`, {
      description: '',
      location: { lon: 999 },
    });
    expect(bad.status).toBe(400);
    expect(pathsOf(bad).map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['description', 'location.lon', 'location.lat', 'headers.idempotency-key']),
    );
    const body = { description: '同一件事', location: at };
    expect((await attach(u['dept.chengguan']!, master.id, body)).status).toBe(403);
    // Another village's worker cannot see the case: not revealed.
    expect((await attach(u.gridworker2!, master.id, body)).status).toBe(404);
    expect((await attach(u.hotline!, randomUUID(), body)).status).toBe(404);
    await actOk(u['village.operator']!, master, 'REJECT', { reason: '不属于受理范围' });
    const closed = await attach(u.hotline!, master.id, body);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('INVALID_STATE');
  });

  it('merges a duplicate into a master: MERGED with a link, tasks cancelled, reporters, photos and channel ids follow', async () => {
    const p = { worker: u.gridworker!, village: u['village.operator']!, township: u['township.dispatcher']! };
    const master: Case = await buildCase(app, u.gridworker!);
    // The duplicate came from the 12345 platform (a CaseRef), was dispatched, and carries a photo.
    const platform = await channelUser(app.ctx, 'merge-test', '合并测试平台');
    const photo = await uploadPhoto(u.gridworker!);
    const fromPlatform = await reportCase(
      app.ctx,
      platform,
      { categoryCode: '0201', description: '平台工单：同一处占道经营', location: at },
      'GD-MERGE-1',
      { refs: [{ channel: 'HOTLINE_ORDER', externalId: 'GD-MERGE-1' }] },
    );
    if (!fromPlatform.created) throw new Error('not created');
    await attach(u.gridworker2!, fromPlatform.case.id, { description: 'x', location: at }); // 404: not theirs
    const dup: Case = await dispatchedCase(app, p);
    await attach(u.gridworker!, dup.id, { description: '补充照片', location: at, attachmentIds: [photo] });
    const dupNow = await detail(u['township.dispatcher']!, dup.id);
    expect(dupNow.merge.canMerge).toBe(true);

    const res = await merge(u['township.dispatcher']!, dupNow, master.id);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ state: 'MERGED', mergedIntoId: master.id, availableActions: [] });
    expect(res.body.data.merge.mergedInto).toMatchObject({ id: master.id, code: master.code });
    expect(res.body.data.events.at(-1)).toMatchObject({ action: 'MERGE', toState: 'MERGED' });
    expect(res.body.data.tasks.map((t: { state: string }) => t.state)).toEqual(['CANCELLED']);

    // The platform's case merged too (by the village desk, it is still REPORTED there).
    const platformCase = await detail(u['village.operator']!, fromPlatform.case.id);
    expect((await merge(u['village.operator']!, platformCase, master.id)).status).toBe(200);
    const refs = await app.ctx.db.read.caseRef.findMany({ where: { externalId: 'GD-MERGE-1' } });
    expect(refs.map((r) => r.caseId)).toEqual([master.id]);

    const m = await detail(u.gridworker!, master.id);
    expect(m.merge.duplicates.map((d: { id: string }) => d.id).sort()).toEqual(
      [dup.id, fromPlatform.case.id].sort(),
    );
    const dupShown = m.merge.duplicates.find((d: { id: string }) => d.id === dup.id);
    expect(dupShown.photos.map((x: { id: string }) => x.id)).toEqual([photo]);
    expect(m.events.filter((e: { action: string }) => e.action === 'MERGE_IN')).toHaveLength(2);
    expect(m.state).toBe('REPORTED');
    // The dup was reported by the master's own reporter: the platform account follows, once.
    const followers = await app.ctx.db.read.caseFollower.findMany({ where: { caseId: master.id } });
    expect(followers.map((f) => [f.userId, f.via, f.fromCaseId])).toEqual([
      [platform.id, 'MERGE', fromPlatform.case.id],
    ]);
    // The master's next events go to its followers too (the audience fixed on the row).
    const registered = await actOk(u['village.operator']!, m, 'REGISTER');
    const last = await app.ctx.db.read.caseEvent.findFirstOrThrow({
      where: { caseId: master.id },
      orderBy: { seq: 'desc' },
    });
    expect(last.action).toBe('REGISTER');
    expect(last.audienceUsers).toBe(`,${platform.id},`);
    expect(registered.state).toBe('REGISTERED');
  });

  it('lets a follower from another cell read the master and list it as theirs; a stranger gets 404', async () => {
    const master: Case = await buildCase(app, u.gridworker!);
    // gridworker2's report lies in another township: it reaches the county's desk to be merged.
    let dup: Case = await buildCase(app, u.gridworker2!);
    const photo = await uploadPhoto(u.gridworker2!);
    await attach(u.gridworker2!, dup.id, {
      description: '现场照片',
      location: await pointIn(app, u.gridworker2!.user.gridCodes[0]),
      attachmentIds: [photo],
    });
    dup = await detail(u.gridworker2!, dup.id);
    dup = await actOk(u['village2.operator']!, dup, 'REGISTER');
    dup = await actOk(u['village2.operator']!, dup, 'ESCALATE', { reason: '跨街道同一事件，请上级并案' });
    dup = await actOk(u['township2.dispatcher']!, dup, 'REGISTER');
    dup = await actOk(u['township2.dispatcher']!, dup, 'ESCALATE', {
      reason: '跨街道同一事件，请区中心并案',
    });
    dup = await actOk(u['county.dispatcher']!, dup, 'REGISTER');
    expect((await u.gridworker2!.get(`/api/cases/${master.id}`)).status).toBe(404);

    expect((await merge(u['county.dispatcher']!, dup, master.id)).status).toBe(200);
    const seen = await u.gridworker2!.get(`/api/cases/${master.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.code).toBe(master.code);
    const own = await u.gridworker2!.get('/api/cases?mine=reported&limit=100');
    expect(own.body.data.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([master.id, dup.id]),
    );
    const mergedDup = await detail(u.gridworker2!, dup.id);
    expect(mergedDup.merge.mergedInto.id).toBe(master.id);
    // Their photo follows the master: its reporter may open it; a stranger may not.
    expect((await u.gridworker!.get(`/api/attachments/${photo}`)).status).toBe(200);
    expect((await u['village2.operator']!.get(`/api/cases/${master.id}`)).status).toBe(404);
    expect((await u['dept.chengguan']!.get(`/api/cases/${master.id}`)).status).toBe(404);
  });

  it('refuses merges listing every problem: party, version, itself, a merged, finished or out-of-reach master', async () => {
    const a: Case = await buildCase(app, u.gridworker!);
    const b: Case = await buildCase(app, u.gridworker!);
    const desk = u['village.operator']!;
    const invalid = await desk.post(`/api/cases/${a.id}/merge`, { masterId: 'nope' });
    expect(invalid.status).toBe(400);
    expect(
      pathsOf(invalid)
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['masterId', 'version']);
    expect((await merge(u.gridworker!, a, b.id)).status).toBe(403);
    expect((await merge(u['village2.operator']!, a, b.id)).status).toBe(404);
    const stale = await merge(desk, { id: a.id, version: a.version + 5 }, b.id);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const self = await merge(desk, a, a.id);
    expect(self.status).toBe(422);
    expect(pathsOf(self)).toEqual(['masterId: a case cannot be merged into itself']);
    const unknown = await merge(desk, a, randomUUID());
    expect(pathsOf(unknown)).toEqual(['masterId: no such case']);

    // Master in another township (seen by the county, not by this village): every problem at once.
    const far: Case = await buildCase(app, u.gridworker2!);
    expect(pathsOf(await merge(desk, a, far.id))).toEqual(['masterId: no such case']);
    const c: Case = await buildCase(app, u.gridworker!);
    expect((await merge(desk, c, b.id)).status).toBe(200); // c is now MERGED into b
    const intoMerged = await merge(desk, a, c.id);
    expect(intoMerged.status).toBe(422);
    expect(intoMerged.body.error.code).toBe('RULE_VIOLATION');
    expect(pathsOf(intoMerged)).toEqual(['masterId: the master is itself merged into another case']);
    const rejected = await actOk(desk, await detail(desk, a.id), 'REJECT', { reason: '重复上报' });
    const intoRejected = await merge(desk, await detail(desk, b.id), rejected.id);
    expect(pathsOf(intoRejected)).toEqual([
      'masterId: the master is REJECTED: merge into a case still being handled',
    ]);
    // A merged duplicate cannot be merged again; the master's problems are listed beside it.
    const again = await merge(desk, await detail(desk, c.id), rejected.id);
    expect(again.status).toBe(422);
    expect(pathsOf(again)).toEqual([
      'id: a case in state MERGED cannot be merged',
      'masterId: the master is REJECTED: merge into a case still being handled',
    ]);
    // Only the duplicate's own state wrong: a conflict with the case as it is (409).
    const onlyState = await merge(desk, await detail(desk, c.id), b.id);
    expect(onlyState.status).toBe(409);
    expect(onlyState.body.error.code).toBe('INVALID_STATE');
  });

  it('lets exactly one of two racing merges of one duplicate win', async () => {
    const desk = u['village.operator']!;
    for (let round = 0; round < 3; round++) {
      const [m1, m2, dup] = (await Promise.all([1, 2, 3].map(() => buildCase(app, u.gridworker!)))) as Case[];
      const results = await Promise.all([merge(desk, dup!, m1!.id), merge(desk, dup!, m2!.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const after = await detail(desk, dup!.id);
      const winner = results.find((r) => r.status === 200)!.body.data.mergedIntoId;
      expect(after.mergedIntoId).toBe(winner);
      const masterEvents = await app.ctx.db.read.caseEvent.count({
        where: { action: 'MERGE_IN', caseId: { in: [m1!.id, m2!.id] } },
      });
      expect(masterEvents).toBe(1);
    }
  });

  it('attaches once when a retry races the first try (same Idempotency-Key)', async () => {
    const master: Case = await buildCase(app, u.gridworker!);
    const body = { description: '重复发送的补充上报', location: at };
    const key = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => attach(u.hotline!, master.id, body, key)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await app.ctx.db.read.caseEvent.count({ where: { caseId: master.id, action: 'ATTACH' } })).toBe(1);
  });

  it('a merged case counts once: out of the indicators, in the monthly duplicate share', async () => {
    const county = u['county.dispatcher']!;
    const query = '/api/metrics?unit=371502000000&from=2026-11-01&to=2026-11-30';
    const before = (await county.get(query)).body.data;
    const registeredBefore = before.rates.find((r: { key: string }) => r.key === 'close').denominator;
    const desk = u['village.operator']!;
    const master: Case = await buildCase(app, u.gridworker!);
    const dup: Case = await buildCase(app, u.gridworker!);
    await actOk(desk, master, 'REGISTER');
    const dupRegistered = await actOk(desk, dup, 'REGISTER');
    const mid = (await county.get(query)).body.data;
    expect(mid.rates.find((r: { key: string }) => r.key === 'close').denominator).toBe(registeredBefore + 2);
    expect((await merge(desk, dupRegistered, master.id)).status).toBe(200);
    const after = (await county.get(query)).body.data;
    // The duplicate left the registered cases (close rate's denominator); the master stays.
    expect(after.rates.find((r: { key: string }) => r.key === 'close').denominator).toBe(
      registeredBefore + 1,
    );
    const [month] = after.duplicates;
    expect(month).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    // Recount by hand from the log: merged ÷ reported in the county this month.
    const events = await app.ctx.db.read.caseEvent.findMany({
      where: { action: { in: ['REPORT', 'MERGE'] }, gridCode: { startsWith: '371502' } },
      select: { action: true, caseId: true },
    });
    const reported = new Set(events.filter((e) => e.action === 'REPORT').map((e) => e.caseId)).size;
    const merged = new Set(events.filter((e) => e.action === 'MERGE').map((e) => e.caseId)).size;
    expect(month).toMatchObject({ reported, merged, share: merged / reported });
    expect(merged).toBeGreaterThan(0);
    const csv = await county.send(
      'GET',
      '/api/metrics/export?unit=371502000000&from=2026-11-01&to=2026-11-30&format=csv',
    );
    expect(String(csv.body)).toContain(`重复件占比 2026-11,${merged},${reported}`);
  });

  it('refuses a second merge of the same pair in the opposite direction', async () => {
    const desk = u['village.operator']!;
    const [a, b] = (await Promise.all([1, 2].map(() => buildCase(app, u.gridworker!)))) as Case[];
    const results = await Promise.all([merge(desk, a!, b!.id), merge(desk, b!, a!.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
  });
});
