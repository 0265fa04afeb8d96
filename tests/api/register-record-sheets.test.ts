import { toShanghaiDate } from '@wangge/shared/calendar/shanghai-date';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, pointIn } from '../support/factories';
import { testPhone } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = {
  places: ['*网格编码', '*场所类别', '*名称', '楼栋', '单元', '户', '地址', '经度', '纬度', '上级场所编号'],
  things: ['*网格编码', '*部件小类', '*部件编码', '*名称', '*经度', '*纬度', '*状态', '备注'],
  organisations: [
    '*网格编码',
    '*组织类别',
    '*名称',
    '地址',
    '联系人',
    '联系电话',
    '经度',
    '纬度',
    '所在场所编号',
  ],
  situations: ['*网格编码', '*日期', '*类别', '*内容', '场所编号', '人员编号', '案件编号'],
} as const;
type Type = keyof typeof HEADERS;

/** An .xlsx with a type's header (or `header`) and these rows. */
async function sheet(type: Type, rows: unknown[][], header: readonly string[] = HEADERS[type]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every cell text of every sheet of a workbook. */
async function textsOf(file: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text))));
  return out;
}

const pathsOf = (res: { body: { error: { details: { path: string }[] } } }) =>
  res.body.error.details.map((d) => d.path);

/** The sheets of places, things, organisations and 民情日志: template, all-or-nothing import, logged export. */
describe('register: record sheets (.xlsx)', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let cell: string;
  let here: { lon: number; lat: number };
  const run = Date.now().toString(36).toUpperCase();
  const upload = (c: ApiClient, type: Type, file: Buffer, query = '') =>
    c.send('POST', `/api/register/${type}/import${query}`, {
      body: new Uint8Array(file),
      headers: { 'content-type': XLSX },
    });
  const download = async (c: ApiClient, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${c.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : null,
    });
    return { status: res.status, headers: res.headers, file: Buffer.from(await res.arrayBuffer()) };
  };
  const count = {
    places: () => app.ctx.db.read.place.count(),
    things: () => app.ctx.db.read.thing.count(),
    organisations: () => app.ctx.db.read.organisation.count(),
    situations: () => app.ctx.db.read.situation.count(),
  };
  const countAll = async () =>
    Promise.all((Object.keys(count) as Type[]).map((t) => count[t]())).then((n) => n.join(','));
  const thingLayer = async () => {
    const res = await u.gridworker!.get(`/api/register/layers?unit=${cell}&layer=THING`);
    expect(res.status).toBe(200);
    return res.body.data.counts.THING[res.body.data.codes.indexOf(cell)] as number;
  };

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(
      app,
      'gridworker',
      'gridworker2',
      'village.operator',
      'dept.chengguan',
      'command.city',
      'auditor',
    );
    cell = u.gridworker!.user.gridCodes[0];
    here = await pointIn(app, cell);
  });
  afterAll(() => app?.close());

  it('hands out each template: Chinese headers as text, lists of kind names, the instructions', async () => {
    const names = {
      places: '场所信息',
      things: '城市部件',
      organisations: '组织信息',
      situations: '民情日志',
    };
    for (const type of Object.keys(HEADERS) as Type[]) {
      const res = await download(u.gridworker!, 'GET', `/api/register/${type}/template`);
      expect(res.status, type).toBe(200);
      expect(res.headers.get('content-type')).toContain(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.file as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(names[type])!;
      expect((ws.getRow(1).values as unknown[]).slice(1), type).toEqual([...HEADERS[type]]);
      expect(ws.getColumn(1).numFmt).toBe('@');
      expect(wb.worksheets.map((w) => w.name)).toContain('填写说明 Instructions');
    }
    const things = await download(u.gridworker!, 'GET', '/api/register/things/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(things.file as unknown as ArrayBuffer);
    expect(wb.getWorksheet('城市部件')!.getCell('G2').dataValidation.formulae).toEqual([
      '"完好,破损,丢失,被占用,废弃"',
    ]);
    const help = (await textsOf(things.file)).join('\n');
    expect(help).toContain('部件编码 Component code');
    expect(help).toContain('消火栓 (0117)');
    expect((await download(u['command.city']!, 'GET', '/api/register/things/template')).status).toBe(403);
  });

  it('imports a clean sheet of each type, a dry run first writing nothing, with history and layer counts', async () => {
    const today = toShanghaiDate(app.ctx.clock.now());
    const files: Record<Type, { file: Buffer; rows: number }> = {
      places: {
        file: await sheet('places', [
          [cell, '楼栋', `幸福小区 ${run} 1 号楼`, '1', '', '', '东昌路 1 号', here.lon, here.lat, ''],
          [cell, 'SCHOOL', `实验小学 ${run}`, '', '', '', '', '', '', ''],
        ]),
        rows: 2,
      },
      things: {
        file: await sheet('things', [
          [cell, '消火栓', `${run}-H1`, '1 号消火栓', here.lon, here.lat, '完好', ''],
          [cell, '0120', `${run}-L1`, '路灯', String(here.lon), String(here.lat), 'DAMAGED', '灯罩破裂'],
          [cell, 'Street light', `${run}-L2`, '路灯', here.lon, here.lat, 'Normal', ''],
        ]),
        rows: 3,
      },
      organisations: {
        file: await sheet('organisations', [
          [cell, '网格党支部', `第一网格党支部 ${run}`, '', '张 书记', testPhone(501), '', '', ''],
          [cell, '企业', `聊城 ${run} 商贸公司`, '东昌路 9 号', '', '', here.lon, here.lat, ''],
        ]),
        rows: 2,
      },
      situations: {
        file: await sheet('situations', [
          [cell, today, '走访情况', '走访独居老人，身体状况良好。', '', '', ''],
        ]),
        rows: 1,
      },
    };
    const thingsBefore = await thingLayer();
    for (const type of Object.keys(files) as Type[]) {
      const { file, rows } = files[type];
      const before = await count[type]();
      const dry = await upload(u.gridworker!, type, file, '?dryRun=true');
      expect(dry.status, `${type} ${JSON.stringify(dry.body)}`).toBe(200);
      expect(dry.body.data).toEqual({ rows, created: 0, dryRun: true });
      expect(await count[type]()).toBe(before);
      const res = await upload(u.gridworker!, type, file);
      expect(res.status, `${type} ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.data).toEqual({ rows, created: rows, dryRun: false });
      expect(await count[type]()).toBe(before + rows);
    }
    expect(await thingLayer()).toBe(thingsBefore + 3);

    const things = await u.gridworker!.get(`/api/register/things?q=${run}-L1`);
    expect(things.body.data).toHaveLength(1);
    expect(things.body.data[0]).toMatchObject({ classCode: '0120', state: 'DAMAGED', note: '灯罩破裂' });
    const detail = await u.gridworker!.get(`/api/register/things/${things.body.data[0].id}`);
    expect(detail.body.data.history).toHaveLength(1);
    expect(detail.body.data.history[0].kind).toBe('CREATED');
    expect(detail.body.data.history[0].userId).toBe(u.gridworker!.user.id);
    const orgs = await u.gridworker!.get(`/api/register/organisations?q=${testPhone(501)}`);
    expect(orgs.body.data).toHaveLength(1);
    expect(orgs.body.data[0].kind).toBe('PARTY_BRANCH');
    expect(JSON.stringify(orgs.body)).not.toContain(testPhone(501));
  });

  it('lists every problem of every row with its column and writes nothing', async () => {
    const other = u.gridworker2!.user.gridCodes[0];
    const before = await countAll();
    const layer = await thingLayer();
    const things = await upload(
      u.gridworker!,
      'things',
      await sheet('things', [
        [cell, '消火栓', `${run}-B1`, '消火栓', here.lon, here.lat, '完好'], // row 2: fine
        [cell, '喷泉', 'x', '喷泉', here.lon, here.lat, '完好'], // row 3: class, code
        [other, '路灯', `${run}-B3`, '路灯', here.lon, here.lat, '完好'], // row 4: another worker's cell
        [cell, '路灯', `${run}-B1`, '路灯', here.lon, here.lat, '完好'], // row 5: repeats row 2's code
        [cell, '路灯', `${run}-B5`, '路灯', here.lon + 1, here.lat + 1, '完好'], // row 6: outside the cell
        [cell, '路灯', `${run}-B6`, '', here.lon, 'north', '坏了'], // row 7: name, latitude, state
        [cell, '路灯', `${run}-B7`, '路灯', here.lon, '', '完好'], // row 8: no latitude
        ['371599', '路灯', `${run}-B8`, '路灯', here.lon, here.lat, '完好'], // row 9: not a cell code
      ]),
    );
    expect(things.status).toBe(400);
    expect(things.body.error.code).toBe('VALIDATION_FAILED');
    const paths = pathsOf(things);
    for (const p of [
      'rows.3.classCode',
      'rows.3.code',
      'rows.4.gridCode',
      'rows.5.code',
      'rows.6.lon',
      'rows.7.name',
      'rows.7.lat',
      'rows.7.state',
      'rows.8.lat',
      'rows.9.gridCode',
    ])
      expect(paths, p).toContain(p);
    expect(paths.some((p) => p.startsWith('rows.2.'))).toBe(false);
    expect(things.body.error.details.find((d: { path: string }) => d.path === 'rows.5.code').message).toMatch(
      /row 2/,
    );

    const places = await upload(
      u.gridworker!,
      'places',
      await sheet('places', [
        [cell, '户', `${run} 101 户`, '1', '1', '101', '', '', '', '00000000-0000-4000-8000-000000000000'],
        [cell, '城堡', `${run} 城堡`, '', '', '', '', '', '', ''],
        [cell, '学校', `${run} 小学`, '', '', '', '', '', '', ''],
        [cell, '学校', `${run} 小学`, '', '', '', '', '', '', ''],
      ]),
    );
    expect(places.status).toBe(400);
    expect(pathsOf(places)).toEqual(['rows.2.parentId', 'rows.3.kind', 'rows.5.name']);
    const orgs = await upload(
      u.gridworker!,
      'organisations',
      await sheet('organisations', [[cell, '企业', `${run} 公司`, '', '王 经理', '12345', '', '', '']]),
    );
    expect(pathsOf(orgs)).toEqual(['rows.2.contactPhone']);
    const tomorrow = toShanghaiDate(new Date(app.ctx.clock.now().getTime() + 86_400_000));
    const situations = await upload(
      u.gridworker!,
      'situations',
      await sheet('situations', [[cell, tomorrow, '走访情况', '一', '', '', '']]),
    );
    expect(pathsOf(situations).sort()).toEqual(['rows.2.date', 'rows.2.note']);
    expect(await countAll()).toBe(before);
    expect(await thingLayer()).toBe(layer);
  });

  it('refuses a re-import of the same component codes, a broken file, and roles that may not write', async () => {
    const file = await sheet('things', [
      [cell, '雨水井盖', `${run}-R1`, '雨水井盖', here.lon, here.lat, '完好'],
      [cell, '雨水井盖', `${run}-R2`, '雨水井盖', here.lon, here.lat, '完好'],
    ]);
    expect((await upload(u.gridworker!, 'things', file)).status).toBe(201);
    const before = await count.things();
    const again = await upload(u.gridworker!, 'things', file);
    expect(again.status).toBe(400);
    expect(pathsOf(again)).toEqual(['rows.2.code', 'rows.3.code']);
    expect(await count.things()).toBe(before);

    const junk = await upload(u.gridworker!, 'things', Buffer.from('not a spreadsheet'));
    expect(pathsOf(junk)).toEqual(['file']);
    const noCode = await upload(u.gridworker!, 'things', await sheet('things', [], ['网格编码', '名称']));
    expect(pathsOf(noCode)).toEqual([
      'columns.classCode',
      'columns.code',
      'columns.lon',
      'columns.lat',
      'columns.state',
    ]);
    expect((await upload(u['dept.chengguan']!, 'things', file)).status).toBe(403);
    expect((await upload(u.auditor!, 'organisations', file)).status).toBe(403);
  });

  it('exports masked to a role that may not reveal, full to one that may, and logs each export', async () => {
    const village = u['village.operator']!;
    const path = '/api/register/organisations/export';
    const masked = await download(village, 'POST', path, { grid: cell, purpose: '组织信息季度核对' });
    expect(masked.status).toBe(200);
    const texts = await textsOf(masked.file);
    expect(texts).toContain(`第一网格党支部 ${run}`);
    expect(texts).toContain('网格党支部');
    expect(texts.join('\n')).not.toContain(testPhone(501));
    expect(texts).toContain(`${testPhone(501).slice(0, 3)}****${testPhone(501).slice(-4)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.file as unknown as ArrayBuffer);
    const exported = wb.getWorksheet('组织信息')!.actualRowCount - 1;
    expect(exported).toBe(
      await app.ctx.db.read.organisation.count({ where: { gridCode: cell, archivedAt: null } }),
    );
    expect((await download(village, 'POST', path, { reveal: true, purpose: '核对' })).status).toBe(403);
    expect((await download(village, 'POST', path, {})).status).toBe(400);
    expect((await download(u.auditor!, 'POST', path, { purpose: '核对' })).status).toBe(403);

    const full = await download(u.gridworker!, 'POST', path, { reveal: true, purpose: '走访核对联系方式' });
    expect(full.status).toBe(200);
    expect(await textsOf(full.file)).toContain(testPhone(501));

    // An export's sheet is the import's: the places exported import elsewhere as they are.
    const places = await download(u.gridworker!, 'POST', '/api/register/places/export', {
      q: '实验小学',
      purpose: '场所核对',
    });
    expect(await textsOf(places.file)).toContain(`实验小学 ${run}`);

    const logOf = async (c: ApiClient) =>
      (await u.auditor!.get(`/api/register/access-log?user=${c.user.id}`)).body.data.map(
        (l: { action: string; fields: string[]; purpose: string }) => [l.action, l.fields, l.purpose],
      );
    expect(await logOf(village)).toContainEqual([
      'EXPORT',
      ['type=organisations', `rows=${exported}`, `grid=${cell}`],
      '组织信息季度核对',
    ]);
    const mine = await logOf(u.gridworker!);
    expect(mine).toContainEqual(['EXPORT', expect.arrayContaining(['contactPhone']), '走访核对联系方式']);
    expect(mine).toContainEqual(['EXPORT', ['type=places', 'rows=1', 'q=实验小学'], '场所核对']);
  });
});
