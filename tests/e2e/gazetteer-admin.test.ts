import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hasBrowser, signIn, waitForQuiet } from '../support/browser';
import { useBrowserApp } from '../support/browser-app';
import { pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';

/** A gazetteer CSV (UTF-8 with BOM, as Excel saves it) with the Chinese header row. */
const csv = (rows: string[]) =>
  Buffer.from(`\uFEFF名称,类别,别名,经度,纬度,来源\n${rows.join('\n')}\n`, 'utf8');

/** 地名库: an admin imports place names (dry run first), and the hotline then finds them. */
describe.runIf(hasBrowser())('the gazetteer admin screen, in real Chromium', () => {
  const env = useBrowserApp();

  it('a bad row is shown by row and column and nothing is written; fixed, dry run, import; the hotline finds the name', async () => {
    const cell = await env.app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: '371502001001' },
      orderBy: { code: 'asc' },
    });
    const p = await pointIn(env.app, cell.code);
    const { page } = await signIn(env.browser, env.app.baseUrl, 'admin');
    await page.goto(`${env.app.baseUrl}/#/gazetteer`);
    await page.waitForSelector('h1:has-text("地名库")');
    // The seeded county seats are listed, and the columns and kinds explained.
    await page.waitForSelector('[data-testid=gazetteer-row][data-name="东昌府区人民政府"]');
    expect(await page.textContent('[data-testid=gazetteer-columns]')).toContain('经度 / Longitude');
    expect(await page.textContent('[data-testid=gazetteer-kinds]')).toContain('地标/POI');
    await waitForQuiet(page);
    await checkScreen(page, 'gazetteer-01-start');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=gazetteer-template]'),
    ]);
    expect(template.suggestedFilename()).toBe('gazetteer-template.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await template.path())!);
    expect(book.getWorksheet('地名库')?.getRow(1).values).toEqual([
      undefined,
      '名称',
      '类别',
      '别名',
      '经度',
      '纬度',
      '来源',
    ]);

    const before = await env.app.ctx.db.read.placeName.count();
    await page.setInputFiles('[data-testid=gazetteer-file]', {
      name: '古楼地名.csv',
      mimeType: 'text/csv',
      buffer: csv([
        `光岳楼景区,地标,光岳楼、余木楼,${p.lon},${p.lat},`,
        `古城东关街,城堡,,${p.lon},${p.lat},`,
      ]),
    });
    // No import before a dry run has passed.
    expect(await page.isDisabled('[data-testid=gazetteer-import]')).toBe(true);
    await page.click('[data-testid=gazetteer-dry-run]');
    const problems = page.locator('[data-testid=sheet-problems]');
    await problems.waitFor();
    expect(await problems.locator('li').count()).toBe(1);
    expect(await problems.locator('li').first().getAttribute('data-path')).toBe('rows.3.kind');
    expect(await problems.textContent()).toContain(
      '第 3 行 · 类别：须为村/社区、街道/乡镇、道路/街巷、地标、小区、其他之一',
    );
    expect(await page.isDisabled('[data-testid=gazetteer-import]')).toBe(true);
    await waitForQuiet(page);
    await checkScreen(page, 'gazetteer-02-problems');
    expect(await env.app.ctx.db.read.placeName.count()).toBe(before);

    await page.setInputFiles('[data-testid=gazetteer-file]', {
      name: '古楼地名.csv',
      mimeType: 'text/csv',
      buffer: csv([
        `光岳楼景区,地标,光岳楼、余木楼,${p.lon},${p.lat},`,
        `古城东关街,道路,,${p.lon},${p.lat},古楼街道办提供`,
      ]),
    });
    await page.click('[data-testid=gazetteer-dry-run]');
    await page.waitForSelector(
      '[data-testid=gazetteer-done]:has-text("检查通过：共 2 行，将新增 2 条、替换 0 条")',
    );
    expect(await page.isHidden('[data-testid=sheet-problems]')).toBe(true);
    expect(await env.app.ctx.db.read.placeName.count()).toBe(before);
    await page.click('[data-testid=gazetteer-import]');
    await page.waitForSelector('[data-testid=gazetteer-done]:has-text("已导入：新增 2 条，替换 0 条")');
    expect(await env.app.ctx.db.read.placeName.count()).toBe(before + 2);
    // The list reloads, newest first: the two new places on top, the file's name as their source where none given.
    await page.waitForSelector('[data-testid=gazetteer-row][data-name="光岳楼景区"]');
    const top = await page
      .locator('[data-testid=gazetteer-row]')
      .evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-name')));
    expect(top.sort()).toEqual(['光岳楼景区', '古城东关街']);
    const row = page.locator('[data-testid=gazetteer-row][data-name="光岳楼景区"]');
    expect(await row.textContent()).toContain('古楼地名.csv');
    expect(await row.textContent()).toContain(cell.name);
    // Filtered by an alias.
    await page.fill('input[name=q]', '余木楼');
    await page.click('button:has-text("查找")');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=gazetteer-row]').length === 1);
    expect(await page.getAttribute('[data-testid=gazetteer-row]', 'data-name')).toBe('光岳楼景区');
    await waitForQuiet(page);
    await checkScreen(page, 'gazetteer-03-imported');

    // The hotline finds the new name in the report form's place search.
    const hotline = await signIn(env.browser, env.app.baseUrl, 'hotline');
    await hotline.page.goto(`${env.app.baseUrl}/#/report`);
    await hotline.page.fill('[data-testid=place-search]', '光岳楼');
    await hotline.page.waitForSelector('.place-search [role=option]:has-text("光岳楼景区")');
    await hotline.page.click('.place-search [role=option]:has-text("光岳楼景区")');
    await hotline.page.waitForSelector(`[data-testid=resolved-grid][data-code="${cell.code}"]`);
    expect(await hotline.page.inputValue('input[name=lon]')).toBe(String(p.lon));
  });

  it('passes the screen checks in English and on a phone', async () => {
    const en = await signIn(env.browser, env.app.baseUrl, 'admin', undefined, 'en');
    await en.page.goto(`${env.app.baseUrl}/#/gazetteer`);
    await en.page.waitForSelector('h1:has-text("Gazetteer")');
    await en.page.waitForSelector('[data-testid=gazetteer-row]');
    expect(await en.page.textContent('[data-testid=gazetteer-kinds]')).toContain('Landmark/POI');
    await en.page.setInputFiles('[data-testid=gazetteer-file]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: csv(['Nowhere,LANDMARK,,100.1,30.2,']),
    });
    await en.page.click('[data-testid=gazetteer-dry-run]');
    await en.page.waitForSelector('[data-testid=sheet-problems]:has-text("Row 2 · Longitude")');
    expect(await en.page.textContent('[data-testid=sheet-problems]')).toContain('is outside every grid cell');
    await waitForQuiet(en.page);
    await checkScreen(en.page, 'gazetteer-04-en');

    const phone = await signIn(env.browser, env.app.baseUrl, 'admin', { width: 390, height: 844 });
    await phone.page.goto(`${env.app.baseUrl}/#/gazetteer`);
    await phone.page.waitForSelector('[data-testid=gazetteer-row]');
    await waitForQuiet(phone.page);
    await checkScreen(phone.page, 'gazetteer-05-phone');
    // The page does not widen past the phone's screen: the tables scroll inside their regions.
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
