import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** Register records as points at village zoom: a layer's located records in a box, through the record policy. */
describe('GET /api/register/points', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let here: { lon: number; lat: number };
  let cell: string;
  const box = (d = 0.01) => `${here.lon - d},${here.lat - d},${here.lon + d},${here.lat + d}`;
  const points = (c: ApiClient, layer: string, bbox = box()) =>
    c.get(`/api/register/points?layer=${encodeURIComponent(layer)}&bbox=${bbox}`);

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'township.dispatcher',
      'command.city',
      'dept.chengguan',
    );
    cell = u.gridworker!.user.gridCodes[0] as string;
    here = await pointIn(app, cell);
    const thing = (code: string, state: string, dLon: number) =>
      u.gridworker!.post('/api/register/things', {
        gridCode: cell,
        classCode: '0120',
        code,
        name: `路灯 ${code}`,
        location: { lon: here.lon + dLon, lat: here.lat },
        state,
      });
    expect((await thing('PT-LAMP-01', 'NORMAL', 0)).status).toBe(201);
    expect((await thing('PT-LAMP-02', 'DAMAGED', 0.0001)).status).toBe(201);
    const place = await u.gridworker!.post('/api/register/places', {
      gridCode: cell,
      kind: 'SCHOOL',
      name: '测试 小学',
      location: { lon: here.lon - 0.0001, lat: here.lat },
    });
    expect(place.status).toBe(201);
  });
  afterAll(() => app?.close());

  it("lists a layer's located records in the box, by class", async () => {
    const all = await points(u.gridworker!, 'THING');
    expect(all.status).toBe(200);
    const codes = (all.body.data.points as { name: string }[]).map((p) => p.name);
    expect(codes).toEqual(expect.arrayContaining(['路灯 PT-LAMP-01', '路灯 PT-LAMP-02']));
    expect(all.body.data.truncated).toBe(false);
    const faulty = await points(u.gridworker!, 'THING:FAULTY');
    const names = (faulty.body.data.points as { name: string; state: string }[]).map((p) => p.name);
    expect(names).toContain('路灯 PT-LAMP-02');
    expect(names).not.toContain('路灯 PT-LAMP-01');
    expect((faulty.body.data.points as { state: string }[]).every((p) => p.state !== 'NORMAL')).toBe(true);
    const schools = await points(u['township.dispatcher']!, 'PLACE:SCHOOL');
    expect(schools.body.data.points).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '测试 小学', kind: 'SCHOOL' })]),
    );
    // Outside the box: nothing of these.
    const far = `${here.lon + 0.1},${here.lat + 0.1},${here.lon + 0.2},${here.lat + 0.2}`;
    const none = (await points(u.gridworker!, 'THING', far)).body.data.points as { name: string }[];
    expect(none.map((p) => p.name)).not.toContain('路灯 PT-LAMP-01');
  });

  it('follows the record policy: another worker sees none of them, a viewer is refused, 城管 reads components', async () => {
    const other = (await points(u.gridworker2!, 'THING')).body.data.points as { name: string }[];
    expect(other.map((p) => p.name)).not.toContain('路灯 PT-LAMP-01');
    expect((await points(u['command.city']!, 'THING')).status).toBe(403);
    expect((await points(u['dept.chengguan']!, 'PLACE')).status).toBe(403);
    const cg = await points(u['dept.chengguan']!, 'THING');
    expect(cg.status).toBe(200);
  });

  it('one 400 lists every problem; a box wider than a few villages is refused', async () => {
    const bad = await u.gridworker!.get('/api/register/points?layer=PERSON:KEY&bbox=1,2,3');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.bbox',
      'query.layer',
    ]);
    const wide = await points(u.gridworker!, 'THING', box(0.5));
    expect(wide.status).toBe(400);
    expect(JSON.stringify(wide.body.error.details)).toContain('zoom in');
  });
});
