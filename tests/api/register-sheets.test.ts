import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll } from '../support/factories';
import { buildPerson, testIdNumber, testPhone } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['*姓名', '*公民身份号码', '联系电话', '*网格编码', '*居住类型', '管理类别'];

/** An .xlsx with the template's header (or `header`) and these rows. */
async function sheet(rows: unknown[][], header: string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人口信息');
  ws.addRow(header);
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

/** The persons sheets: template, an all-or-nothing import listing every problem, a logged export. */
describe('register: persons sheets (.xlsx)', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  const upload = (c: ApiClient, file: Buffer, query = '') =>
    c.send('POST', `/api/register/persons/import${query}`, {
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
  const countPersons = () => app.ctx.db.read.person.count();

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, 'gridworker', 'gridworker2', 'village.operator', 'dept.chengguan', 'auditor');
  });
  afterAll(() => app?.close());

  it('hands out the template: the columns as text, a list of residence kinds, the instructions', async () => {
    const res = await download(u.gridworker!, 'GET', '/api/register/persons/template');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.file as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('人口信息')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getCell('E2').dataValidation.formulae).toEqual(['"户籍,常住,流动,境外"']);
    expect(wb.worksheets.map((w) => w.name)).toContain('填写说明 Instructions');
    expect((await download(u['dept.chengguan']!, 'GET', '/api/register/persons/template')).status).toBe(403);
  });

  it('lists every problem of every row and writes nothing', async () => {
    const cell = u.gridworker!.user.gridCodes[0];
    const other = u.gridworker2!.user.gridCodes[0];
    await buildPerson(u.gridworker!, { n: 90 });
    const badCheck = testIdNumber(2).slice(0, 17) + (testIdNumber(2).endsWith('0') ? '1' : '0');
    const before = await countPersons();
    const res = await upload(
      u.gridworker!,
      await sheet([
        ['王 一', testIdNumber(1), testPhone(1), cell, '户籍', '独居老人'], // row 2: fine
        ['王 二', badCheck, '12345', cell, '常住'], // row 3: check digit, phone
        ['王 三', testIdNumber(3), '', cell, '暂住', '外星人'], // row 4: residence, class
        ['王 四', testIdNumber(4), '', other, '流动'], // row 5: another worker's cell
        ['王 五', testIdNumber(1), '', cell, '户籍'], // row 6: repeats row 2
        ['王 六', Number('410105198506120011'), '', cell, '户籍'], // row 7: an ID Excel stored as a (rounded) number
        ['王 七', testIdNumber(7), '', cell, '户籍', '吸毒'], // row 8: a 重点人员 class
        ['王 八', testIdNumber(90), '', cell, '户籍'], // row 9: already on the register
        ['', testIdNumber(10), '', '', '户籍'], // row 10: no name, no cell
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    for (const p of [
      'rows.3.idNumber',
      'rows.3.phone',
      'rows.4.residence',
      'rows.4.tags',
      'rows.5.gridCode',
      'rows.6.idNumber',
      'rows.7.idNumber',
      'rows.8.tags',
      'rows.9.idNumber',
      'rows.10.name',
      'rows.10.gridCode',
    ])
      expect(paths, p).toContain(p);
    expect(paths.some((p: string) => p.startsWith('rows.2.'))).toBe(false);
    expect(
      res.body.error.details.find((d: { path: string }) => d.path === 'rows.6.idNumber').message,
    ).toMatch(/row 2/);
    expect(await countPersons()).toBe(before);
  });

  it('refuses a file that is not a workbook or lacks a required column', async () => {
    const junk = await upload(u.gridworker!, Buffer.from('not a spreadsheet at all'));
    expect(junk.status).toBe(400);
    expect(junk.body.error.details[0].path).toBe('file');
    const noId = await upload(
      u.gridworker!,
      await sheet([['王 一', u.gridworker!.user.gridCodes[0], '户籍']], ['姓名', '网格编码', '居住类型']),
    );
    expect(noId.status).toBe(400);
    expect(noId.body.error.details.map((d: { path: string }) => d.path)).toEqual(['columns.idNumber']);
    expect((await upload(u['dept.chengguan']!, await sheet([]))).status).toBe(403);
    expect((await upload(u.auditor!, await sheet([]))).status).toBe(403);
  });

  it('imports a clean sheet all at once (dry run first), searchable, with history; a second import is refused', async () => {
    const cell = u.gridworker!.user.gridCodes[0];
    const file = await sheet([
      ['李 一', testIdNumber(21), testPhone(21), cell, '户籍', '独居老人、低保'],
      ['李 二', testIdNumber(22).replace('X', 'x'), '', cell, 'Floating'],
      ['Li San', testIdNumber(23), '137 0000 0023', cell, 'RESIDENT', 'CONCERN_DISABLED'],
    ]);
    const before = await countPersons();
    const residents = async () => {
      const layers = await u.gridworker!.get(`/api/register/layers?unit=${cell}`);
      return layers.body.data.counts.PERSON[layers.body.data.codes.indexOf(cell)] as number;
    };
    const residentsBefore = await residents();
    const dry = await upload(u.gridworker!, file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.data).toEqual({ rows: 3, created: 0, dryRun: true });
    expect(await countPersons()).toBe(before);
    const res = await upload(u.gridworker!, file);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ rows: 3, created: 3, dryRun: false });
    expect(await countPersons()).toBe(before + 3);
    expect(await residents()).toBe(residentsBefore + 3); // the layer counts, in the same transaction
    const found = await u.gridworker!.get(`/api/register/persons?q=${testIdNumber(21)}`);
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0].tags.map((t: { code: string }) => t.code).sort()).toEqual([
      'AID_SUBSISTENCE',
      'CONCERN_ELDERLY_ALONE',
    ]);
    expect(JSON.stringify(found.body)).not.toContain(testIdNumber(21));
    const detail = await u.gridworker!.get(`/api/register/persons/${found.body.data[0].id}`);
    expect(detail.body.data.history?.[0]?.kind ?? detail.body.data.changes?.[0]?.kind).toBe('CREATED');
    const again = await upload(u.gridworker!, file);
    expect(again.status).toBe(400);
    expect(again.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'rows.2.idNumber',
      'rows.3.idNumber',
      'rows.4.idNumber',
    ]);
    expect(await countPersons()).toBe(before + 3);
  });

  it('exports masked to a role that may not reveal, full to one that may, and logs every exported person', async () => {
    const village = u['village.operator']!;
    const masked = await download(village, 'POST', '/api/register/persons/export', {
      grid: u.gridworker!.user.gridCodes[0],
      purpose: '季度人口核对',
    });
    expect(masked.status).toBe(200);
    const texts = (await textsOf(masked.file)).join('\n');
    expect(texts).toContain('李 一');
    for (const n of [21, 22, 23]) {
      expect(texts).not.toContain(testIdNumber(n));
      expect(texts).not.toContain(testPhone(n));
    }
    expect(texts).toContain(`${testIdNumber(21).slice(0, 6)}********${testIdNumber(21).slice(-4)}`);
    expect(
      (await download(village, 'POST', '/api/register/persons/export', { reveal: true, purpose: '核对' }))
        .status,
    ).toBe(403);
    expect((await download(village, 'POST', '/api/register/persons/export', {})).status).toBe(400);

    const full = await download(u.gridworker!, 'POST', '/api/register/persons/export', {
      q: '李 一',
      reveal: true,
      purpose: '走访核对联系方式',
    });
    expect(full.status).toBe(200);
    const fullTexts = await textsOf(full.file);
    expect(fullTexts).toContain(testIdNumber(21));
    expect(fullTexts).toContain(testPhone(21));
    expect(fullTexts).not.toContain(testIdNumber(22));

    const person = (await u.gridworker!.get(`/api/register/persons?q=${testIdNumber(21)}`)).body.data[0];
    const log = await u.auditor!.get(`/api/register/access-log?person=${person.id}`);
    const lines = log.body.data.map((l: { action: string; fields: string[]; purpose: string }) => [
      l.action,
      l.fields,
      l.purpose,
    ]);
    expect(lines).toContainEqual(['EXPORT', ['idNumber', 'phone'], '走访核对联系方式']);
    expect(lines).toContainEqual(['EXPORT', [], '季度人口核对']);
  });
});
