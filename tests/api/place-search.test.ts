import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Hit = {
  kind: string;
  name: string;
  fullName: string;
  point: [number, number];
  gridCode: string;
  unitCode: string;
};

/** Place search by name (units, cells, the gazetteer) and the gazetteer's import. */
describe('GET /api/places/search and POST /api/admin/places/import', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  const search = async (c: ApiClient, q: string, extra = '') => {
    const res = await c.get(`/api/places/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as Hit[];
  };
  const upload = (c: ApiClient, body: Buffer | string, query = '', type = 'text/csv') =>
    c.send('POST', `/api/admin/places/import${query}`, {
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': type },
    });

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'hotline', 'gridworker', 'admin', 'village.operator');
  });
  afterAll(() => app?.close());

  it('walks 401 → 400 (every problem listed) → 200', async () => {
    expect((await apiClient(app.baseUrl, null).get('/api/places/search?q=古楼')).status).toBe(401);
    const bad = await u.hotline!.get('/api/places/search?q=&limit=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.limit',
      'query.q',
    ]);
    const tooMany = await u.hotline!.get(`/api/places/search?q=${'路'.repeat(51)}&limit=51`);
    expect(tooMany.body.error.details).toHaveLength(2);
  });

  it('finds a unit without its suffix, ranked exact > prefix > contains, with its path and a point in it', async () => {
    const hits = await search(u.hotline!, '古楼');
    expect(hits[0]).toMatchObject({
      kind: 'TOWNSHIP',
      name: '古楼街道',
      fullName: '聊城市 东昌府区 古楼街道',
      unitCode: '371502001000',
    });
    expect(app.ctx.grids.locate(...hits[0]!.point)).toBe(hits[0]!.gridCode);
    expect(hits[0]!.gridCode.startsWith('371502001')).toBe(true);
    // Exact names first, then names starting with the text, then names containing it.
    const grades = hits.map((h) =>
      h.name.replace(/街道$/, '') === '古楼' ? 0 : h.name.startsWith('古楼') ? 1 : 2,
    );
    expect(grades).toEqual([...grades].sort());
    // The full name of a village has the whole path.
    const village = (await search(u.hotline!, '古城社区'))[0]!;
    expect(village).toMatchObject({ kind: 'VILLAGE', name: '古城社区居委会' });
    expect(village.fullName).toBe('聊城市 东昌府区 古楼街道 古城社区居委会');
  });

  it('finds cells by name and by code, the more specific first when equally good', async () => {
    const cell = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: '371502001001' },
      orderBy: { code: 'asc' },
    });
    const byName = await search(u.hotline!, cell.name);
    expect(byName[0]).toMatchObject({
      kind: 'CELL',
      name: cell.name,
      gridCode: cell.code,
      unitCode: '371502001001',
    });
    expect(byName[0]!.fullName).toBe(`聊城市 东昌府区 古楼街道 古城社区居委会 ${cell.name}`);
    expect((await search(u.hotline!, cell.code))[0]).toMatchObject({ kind: 'CELL', gridCode: cell.code });
    // "古城社区" is exactly the village (not 古城镇, another suffix) and a prefix of its cells: the
    // village first, then its cells; names merely containing 古城 after them.
    const hits = await search(u.hotline!, '古城社区', '&limit=50');
    expect(hits[0]).toMatchObject({ kind: 'VILLAGE', name: '古城社区居委会' });
    const cellsAt = hits.flatMap((h, i) => (h.kind === 'CELL' ? [i] : []));
    expect(cellsAt.length).toBeGreaterThan(0);
    expect(cellsAt).toEqual(cellsAt.map((_, i) => i + 1));
    expect(hits.slice(cellsAt.length + 1).map((h) => h.name)).toContain('古城镇');
  });

  it('finds the seeded gazetteer by name and by alias (a renamed county) and keeps to the limit', async () => {
    const seat = (await search(u.hotline!, '东昌府区政府'))[0]!;
    expect(seat).toMatchObject({ kind: 'LANDMARK', name: '东昌府区人民政府', point: [115.98268, 36.434599] });
    expect(seat.gridCode).toBe(app.ctx.grids.locate(115.98268, 36.434599));
    const old = await search(u.hotline!, '茌平县政府');
    expect(old[0]).toMatchObject({ kind: 'LANDMARK', name: '茌平区人民政府' });
    expect(await search(u.hotline!, '社区', '&limit=3')).toHaveLength(3);
    expect(await search(u.hotline!, '不存在的地名xyz')).toEqual([]);
  });

  it('keeps to the caller’s reach: a grid worker finds their own area, not another county', async () => {
    expect((await search(u.hotline!, '冠县'))[0]).toMatchObject({ kind: 'COUNTY', name: '冠县' });
    const worker = await search(u.gridworker!, '冠县');
    expect(worker.filter((h) => h.unitCode.startsWith('371525'))).toEqual([]);
    const own = u.gridworker!.user.gridCodes[0] as string;
    const ownCell = await app.ctx.db.read.grid.findUniqueOrThrow({ where: { code: own } });
    expect((await search(u.gridworker!, ownCell.name))[0]?.gridCode).toBe(own);
  });

  describe('import', () => {
    let a: { lon: number; lat: number };
    let b: { lon: number; lat: number };
    let cellA: string;
    beforeAll(async () => {
      const cells = await app.ctx.db.read.grid.findMany({
        where: { townshipCode: '371502002000' },
        take: 2,
        orderBy: { code: 'asc' },
      });
      cellA = cells[0]!.code;
      a = await pointIn(app, cellA);
      b = await pointIn(app, cells[1]!.code);
    });
    const csv = (rows: string[]) => `\uFEFF名称,类别,别名,经度,纬度,来源\n${rows.join('\n')}\n`;

    it('is for admins: 401 → 403 → 400 for a file that is not one', async () => {
      expect((await upload(apiClient(app.baseUrl, null), csv([]))).status).toBe(401);
      expect((await upload(u.hotline!, csv([]))).status).toBe(403);
      const broken = await upload(u.admin!, 'no header here\n1,2\n');
      expect(broken.status).toBe(400);
      expect(broken.body.error.details.map((d: { path: string }) => d.path)).toEqual(
        expect.arrayContaining(['columns.name', 'columns.kind', 'columns.lon', 'columns.lat']),
      );
    });

    it('lists every problem by row and column and writes nothing (all or nothing)', async () => {
      const before = await app.ctx.db.read.placeName.count();
      const res = await upload(
        u.admin!,
        csv([
          `测试甲地标,地标,,${a.lon},${a.lat},`,
          `,地标,,${a.lon},${a.lat},`,
          `测试乙,城堡,,${b.lon},${b.lat},`,
          `测试丙,小区,,100.1,30.2,`,
          `测试丁,道路,,东经116,${b.lat},`,
          `测试甲地标,地标,,${a.lon},${a.lat},`,
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
        'rows.3.name',
        'rows.4.kind',
        'rows.5.lon',
        'rows.6.lon',
        'rows.7.name',
      ]);
      expect(res.body.error.details[2].message).toContain('outside every grid cell');
      expect(await app.ctx.db.read.placeName.count()).toBe(before);
    });

    it('dry-runs, imports a CSV, replaces on re-import and imports an Excel workbook', async () => {
      const file = csv([
        `柳园测试广场,地标/POI,测试广场;柳园广场,${a.lon},${a.lat},测试数据`,
        `测试花园小区,小区,,${b.lon},${b.lat},`,
      ]);
      const dry = await upload(u.admin!, file, '?dryRun=true&name=test.csv');
      expect(dry.status).toBe(200);
      expect(dry.body.data).toEqual({ rows: 2, created: 2, replaced: 0, dryRun: true });
      expect(await search(u.hotline!, '柳园测试广场')).toEqual([]);
      const done = await upload(u.admin!, file, '?name=test.csv');
      expect(done.status).toBe(201);
      expect(done.body.data).toEqual({ rows: 2, created: 2, replaced: 0, dryRun: false });
      const byAlias = await search(u.hotline!, '柳园广场');
      expect(byAlias[0]).toMatchObject({
        kind: 'LANDMARK',
        name: '柳园测试广场',
        gridCode: cellA,
        point: [a.lon, a.lat],
      });
      expect(byAlias[0]!.fullName.startsWith('聊城市 东昌府区 柳园街道 ')).toBe(true);
      const estate = (await search(u.hotline!, '测试花园'))[0]!;
      expect(estate.kind).toBe('ESTATE');
      const row = await app.ctx.db.read.placeName.findFirstOrThrow({ where: { name: '测试花园小区' } });
      expect(row.source).toBe('test.csv');
      const again = await upload(u.admin!, file, '?name=test.csv');
      expect(again.body.data).toMatchObject({ created: 0, replaced: 2 });
      expect(await search(u.hotline!, '柳园测试广场')).toHaveLength(1);

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('地名库');
      sheet.addRow(['Name', 'Kind', 'Aliases', 'Longitude', 'Latitude']);
      sheet.addRow(['测试工作簿路', 'ROAD', '', String(b.lon), String(b.lat)]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const fromExcel = await upload(
        u.admin!,
        xlsx,
        '?name=book.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(fromExcel.status, JSON.stringify(fromExcel.body)).toBe(201);
      expect((await search(u.hotline!, '测试工作簿'))[0]).toMatchObject({
        kind: 'ROAD',
        name: '测试工作簿路',
      });
    });
  });
});
