import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, waitForQuiet } from '../support/browser';
import { pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['*网格编码', '*部件小类', '*部件编码', '*名称', '*经度', '*纬度', '*状态', '备注'];

async function thingsSheet(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('城市部件');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 登记簿导入导出: a grid worker downloads a template, sees every problem of a bad sheet, imports a clean one and exports. */
describe.runIf(hasBrowser())('register: the sheets screen in real Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let cell: string;
  let here: { lon: number; lat: number };

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    cell = (await app.as('gridworker')).user.gridCodes[0] as string;
    here = await pointIn(app, cell);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('template, a bad sheet with every problem by row and column, a clean import, a masked export', async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker');
    await page.goto(`${app.baseUrl}/#/register`);
    await page.click('[data-testid=register-sheets]');
    await page.waitForSelector('h1:has-text("登记簿导入导出")');
    await page.check('input[name=sheet-type][value=things]');
    await waitForQuiet(page);
    await checkScreen(page, 'register-sheets');

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=sheet-template]'),
    ]);
    expect(template.suggestedFilename()).toBe('register-things-template.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await template.path())!);
    expect(book.getWorksheet('城市部件')).toBeDefined();

    const before = await app.ctx.db.read.thing.count();
    await page.setInputFiles('input[name=sheet]', {
      name: 'things.xlsx',
      mimeType: XLSX,
      buffer: await thingsSheet([
        [cell, '消火栓', 'E2E-H-0001', '消火栓', here.lon, here.lat, '完好'],
        [cell, '喷泉', 'E2E-H-0002', '喷泉', here.lon, here.lat, '坏了'],
        [cell, '路灯', 'E2E-H-0001', '路灯', here.lon, here.lat, '完好'],
      ]),
    });
    await page.click('[data-testid=sheet-check]');
    const problems = page.locator('[data-testid=sheet-problems]');
    await problems.waitFor();
    const listed = await problems.textContent();
    expect(listed).toContain('第 3 行 · 部件小类');
    expect(listed).toContain('第 3 行 · 状态');
    expect(listed).toContain('第 4 行 · 部件编码');
    await waitForQuiet(page);
    await checkScreen(page, 'register-sheets-problems');
    expect(await app.ctx.db.read.thing.count()).toBe(before);

    await page.setInputFiles('input[name=sheet]', {
      name: 'things.xlsx',
      mimeType: XLSX,
      buffer: await thingsSheet([
        [cell, '消火栓', 'E2E-H-0001', '消火栓', here.lon, here.lat, '完好'],
        [cell, '路灯', 'E2E-L-0001', '路灯', here.lon, here.lat, '破损'],
      ]),
    });
    await page.click('[data-testid=sheet-check]');
    await page.waitForSelector('[data-testid=sheet-done]:has-text("检查通过")');
    expect(await app.ctx.db.read.thing.count()).toBe(before);
    await page.click('[data-testid=sheet-import]');
    await page.waitForSelector('[data-testid=sheet-done]:has-text("已导入 2 条记录")');
    expect(await app.ctx.db.read.thing.count()).toBe(before + 2);

    await page.fill('input[name=grid]', cell);
    await page.fill('input[name=purpose]', '部件季度核对');
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=sheet-export]'),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^register-things-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile((await exported.path())!);
    const codes: string[] = [];
    out.getWorksheet('城市部件')!.eachRow((r) => codes.push(String(r.getCell(3).text)));
    expect(codes).toContain('E2E-L-0001');
    await page.waitForSelector('[data-testid=sheet-done]:has-text("访问日志")');
    await context.close();

    const en = await signIn(browser, app.baseUrl, 'gridworker', undefined, 'en');
    await en.page.goto(`${app.baseUrl}/#/sheets`);
    await en.page.waitForSelector('h1:has-text("Register import and export")');
    await waitForQuiet(en.page);
    await checkScreen(en.page, 'register-sheets-en');
    await en.context.close();
  }, 120_000);
});
