import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll } from '../support/factories';
import { buildPerson } from '../support/register';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/** GET /api/register/access-log/export: an .xlsx of the access log for auditors and admins, itself logged. */
describe('register: access log export', () => {
  let app: TestApp;
  let u: Record<string, ApiClient>;
  let personId: string;

  /** Downloads the export as `client` (raw bytes, not the JSON client). */
  const download = async (client: ApiClient | null, query = '') => {
    const res = await fetch(`${app.baseUrl}/api/register/access-log/export${query}`, {
      headers: client?.token ? { authorization: `Bearer ${client.token}` } : {},
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const rowsOf = async (bytes: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: new Date('2026-11-18T23:58:00+08:00') });
    u = await loginAll(app, 'gridworker', 'township.dispatcher', 'village.operator', 'admin', 'auditor');
    personId = (await buildPerson(u.gridworker!, { n: 501, tags: ['CONCERN_ELDERLY_ALONE'] })).id;
    await u.gridworker!.post(`/api/register/persons/${personId}/reveal`, { purpose: '入户核对独居老人信息' });
    app.clock.advance(5 * 60_000); // past midnight in Shanghai: the next day (sessions stay valid)
    await u['township.dispatcher']!.post(`/api/register/persons/${personId}/reveal`, {
      purpose: '综治中心核查',
    });
  });
  afterAll(() => app?.close());

  it('401 without a session, 400 listing every bad filter, 403 for roles other than auditor and admin', async () => {
    expect((await download(null)).res.status).toBe(401);
    const bad = await u.auditor!.get('/api/register/access-log/export?person=x&from=2026-13-01&to=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'query.from',
      'query.person',
      'query.to',
    ]);
    const reversed = await u.auditor!.get('/api/register/access-log/export?from=2026-11-20&to=2026-11-18');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details[0].path).toBe('query.from');
    for (const name of ['gridworker', 'township.dispatcher', 'village.operator'])
      expect((await download(u[name]!)).res.status, name).toBe(403);
  });

  it('exports the filtered lines as .xlsx, oldest first, and logs the export itself', async () => {
    app.clock.advance(60_000);
    const { res, bytes } = await download(u.auditor!, `?person=${personId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="access-log-2026-11-19.xlsx"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = await rowsOf(bytes);
    expect(rows[0]![0]).toContain('时间');
    // The two reveals and, committed before the file was written, the export itself.
    expect(rows.slice(1).map((r) => [r[1], r[3], r[4], r[6]])).toEqual([
      ['gridworker', 'REVEAL', personId, '入户核对独居老人信息'],
      ['township.dispatcher', 'REVEAL', personId, '综治中心核查'],
      ['auditor', 'EXPORT', personId, '导出访问日志 · access log export'],
    ]);
    expect(rows[1]![0]).toBe('2026-11-18 23:58:00'); // Shanghai time
    expect(rows[3]![5]).toBe(`person=${personId}`);

    // The list shows the EXPORT line too, newest first.
    const log = await u.admin!.get('/api/register/access-log?limit=1');
    expect(log.body.data[0]).toMatchObject({ action: 'EXPORT', username: 'auditor', personId });
  });

  it('filters by Shanghai days (both ends included) and by user', async () => {
    const day1 = await rowsOf((await download(u.admin!, '?from=2026-11-18&to=2026-11-18')).bytes);
    expect(day1.slice(1).map((r) => r[1])).toEqual(['gridworker']);
    const list = await u.auditor!.get('/api/register/access-log?from=2026-11-19&to=2026-11-19');
    expect(list.body.data.map((r: { username: string }) => r.username)).toContain('township.dispatcher');
    expect(list.body.data.map((r: { username: string }) => r.username)).not.toContain('gridworker');
    const byUser = await rowsOf(
      (await download(u.auditor!, `?user=${u['township.dispatcher']!.user.id}`)).bytes,
    );
    expect(byUser.slice(1).map((r) => r[1])).toEqual(['township.dispatcher']);
  });
});
