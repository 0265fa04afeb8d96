import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

type Entry = {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  lon: number;
  lat: number;
  gridCode: string;
  gridName: string;
  unitCode: string;
  fullName: string;
  source: string;
  createdAt: string;
};

/** The gazetteer's admin list (GET /api/admin/places) and its import template. */
describe('GET /api/admin/places and GET /api/admin/places/template', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let cell: { code: string; name: string };
  const list = async (query: string) => {
    const res = await u.admin!.get(`/api/admin/places${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as { items: Entry[]; nextCursor: string | null };
  };
  /** Every entry, page by page of `limit`, following nextCursor. */
  const all = async (query: string, limit: number) => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return seen;
  };

  beforeAll(async () => {
    // On the wall clock: the imported entries are newer than the seeded ones.
    app = await startTestApp({ now: new Date() });
    u = await loginAll(app, 'admin', 'hotline', 'city.dispatcher');
    cell = await app.ctx.db.read.grid.findFirstOrThrow({
      where: { townshipCode: '371502003000' },
      orderBy: { code: 'asc' },
      select: { code: true, name: true },
    });
    const p = await pointIn(app, cell.code);
    const rows = ['甲', '乙', '丙', '丁', '戊'].map(
      (n, i) => `列表测试${n}号楼,地标,${i === 2 ? 'ＡＢＣ大厦、老丙楼' : ''},${p.lon},${p.lat},测试源`,
    );
    const res = await u.admin!.send('POST', '/api/admin/places/import?name=list.csv', {
      body: `名称,类别,别名,经度,纬度,来源\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
  afterAll(() => app?.close());

  it('walks 401 → 400 (every problem listed) → 403 → 200', async () => {
    expect((await apiClient(app.baseUrl, null).get('/api/admin/places')).status).toBe(401);
    const bad = await u.admin!.get(`/api/admin/places?limit=abc&sort=random&cursor=no!&q=${'路'.repeat(61)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.cursor',
      'query.limit',
      'query.q',
      'query.sort',
    ]);
    // A well-formed cursor this server did not write.
    const forged = await u.admin!.get(`/api/admin/places?cursor=${Buffer.from('[1]').toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].path).toBe('query.cursor');
    const timeAsName = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expect((await u.admin!.get(`/api/admin/places?cursor=${timeAsName}`)).status).toBe(400);
    for (const who of ['hotline', 'city.dispatcher']) {
      expect((await u[who]!.get('/api/admin/places')).status).toBe(403);
      expect((await u[who]!.get('/api/admin/places/template')).status).toBe(403);
    }
  });

  it('lists each entry with its cell, village and full name, newest first', async () => {
    const { items } = await list('?limit=5');
    expect(items).toHaveLength(5);
    expect(items.every((e) => e.name.startsWith('列表测试'))).toBe(true);
    const c = items.find((e) => e.name === '列表测试丙号楼')!;
    expect(c).toMatchObject({
      kind: 'LANDMARK',
      aliases: ['ＡＢＣ大厦', '老丙楼'],
      gridCode: cell.code,
      gridName: cell.name,
      unitCode: cell.code.slice(0, 12),
      source: '测试源',
    });
    expect(c.fullName.startsWith('聊城市 东昌府区 ')).toBe(true);
    expect(c.fullName.endsWith(' 列表测试丙号楼')).toBe(true);
  });

  it('pages by keyset without loss or repeat, newest first and by name', async () => {
    const total = await app.ctx.db.read.placeName.count();
    expect(total).toBe(13); // the 8 seeded county seats and the 5 imported
    const newest = await all('', 2);
    expect(newest).toHaveLength(total);
    expect(new Set(newest.map((e) => e.id)).size).toBe(total);
    const times = newest.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(newest.slice(0, 5).every((e) => e.name.startsWith('列表测试'))).toBe(true);
    const byName = await all('&sort=name', 3);
    expect(byName.map((e) => e.id).sort()).toEqual(newest.map((e) => e.id).sort());
    const names = byName.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    // The last page says there is no more.
    expect((await list('?limit=13')).nextCursor).toBeNull();
    expect((await list('?limit=12')).nextCursor).not.toBeNull();
  });

  it('filters by a name or an alias, compared as the search compares (full-width, spaces)', async () => {
    expect((await list(`?q=${encodeURIComponent('列表测试')}`)).items).toHaveLength(5);
    const byAlias = await list(`?q=${encodeURIComponent('abc 大厦')}`);
    expect(byAlias.items.map((e) => e.name)).toEqual(['列表测试丙号楼']);
    const seat = await list(`?q=${encodeURIComponent('东昌府区人民政府')}`);
    expect(seat.items.map((e) => e.name)).toEqual(['东昌府区人民政府']);
    // The renamed county's old name is an alias of its seat.
    expect((await list(`?q=${encodeURIComponent('茌平县')}`)).items.map((e) => e.name)).toEqual([
      '茌平区人民政府',
    ]);
    expect((await list(`?q=${encodeURIComponent('不存在的地名')}`)).items).toEqual([]);
    // Pages of a filter stay within it.
    const paged = await all(`&q=${encodeURIComponent('列表测试')}&sort=name`, 2);
    expect(paged.map((e) => e.name)).toEqual(
      ['甲', '乙', '丙', '丁', '戊'].map((n) => `列表测试${n}号楼`).sort(),
    );
  });

  it('gives an .xlsx template whose header row the import accepts', async () => {
    const res = await fetch(`${app.baseUrl}/api/admin/places/template`, {
      headers: { authorization: `Bearer ${u.admin!.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('地名库')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '类别', '别名', '经度', '纬度', '来源']);
    const p = await pointIn(app, cell.code);
    sheet.addRow(['模板测试点', '小区', '', String(p.lon), String(p.lat), '']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await u.admin!.send('POST', '/api/admin/places/import?dryRun=true', {
      body: new Uint8Array(filled),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.data).toMatchObject({ rows: 1, created: 1, replaced: 0, dryRun: true });
  });
});
