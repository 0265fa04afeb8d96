import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, snap } from '../support/browser';
import { loginAll, pointIn } from '../support/factories';
import { buildPerson } from '../support/register';
import { checkScreen } from '../support/screen-check';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const count = (page: Page, cell: string) =>
  page.evaluate((c) => (window as any).__wanggeMap.registerCount(c) as number, cell);

/** 综治图层 on the command map: a register layer colours the cells by count and follows the register live. */
describe.runIf(hasBrowser())('register layers on the command map', () => {
  let app: TestApp;
  let browser: Browser;
  let u: Record<string, ApiClient>;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    u = await loginAll(app, 'gridworker');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the city command centre picks 救助人员, sees the counts per cell, and a new record there live', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'command.city');
    await page.goto(`${app.baseUrl}/#/map`);
    await page.waitForFunction(() => ((window as any).__wanggeMap?.cellCount() ?? 0) > 10_000);
    const select = page.locator('[data-testid=register-layer] select');
    await select.waitFor();
    // Without 重点人员 clearance: the group total is offered, its sub-classes are not.
    const options = await select.locator('option').allTextContents();
    expect(options).toEqual(
      expect.arrayContaining(['实有人口', '重点人员（合计）', '救助人员（合计）', '· 独居老人']),
    );
    expect(options).not.toContain('· 吸毒');
    await select.selectOption('PERSON:AID');
    await page.locator('[data-testid=register-legend]').waitFor();

    const cell = u.gridworker!.user.gridCodes[0] as string;
    const at = await pointIn(app, cell);
    await page.evaluate(([lat, lon]) => (window as any).__wanggeMap.setView(lat, lon, 14), [at.lat, at.lon]);
    const before = await count(page, cell);
    expect(before).toBeGreaterThan(0); // the demo worker's cell holds a 救助人员
    const fill = await page.evaluate((c) => (window as any).__wanggeMap.cellStyle(c).fillColor, cell);
    expect(['#deebf7', '#9ecae1', '#4292c6', '#08519c']).toContain(fill);
    const total = await page.locator('[data-testid=register-total]').textContent();
    await checkScreen(page, '60-map-register-layer');

    // A grid worker records a person receiving 低保 in that cell: the count follows, live.
    await buildPerson(u.gridworker!, { n: 950, tags: ['AID_SUBSISTENCE'] });
    await page.waitForFunction(([c, n]) => (window as any).__wanggeMap.registerCount(c) === n, [
      cell,
      before + 1,
    ] as const);
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid=register-total]')?.textContent !== t,
      total,
    );
    await page.waitForTimeout(300);
    await snap(page, '61-map-register-layer-live');

    // Back to the cases, and in English.
    await select.selectOption('');
    expect(await count(page, cell)).toBe(0);
    await page.click('button:text-is("English")');
    await page.locator('[data-testid=register-layer] label:text-is("Register layer")').waitFor();
    // The map's own controls take the language when the map is made: reload (the choice stays).
    await page.reload();
    await page.waitForFunction(() => ((window as any).__wanggeMap?.cellCount() ?? 0) > 10_000);
    await page.locator('[data-testid=register-layer] label:text-is("Register layer")').waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Residents', 'Key persons (all)', '· Elderly living alone']),
    );
    await select.selectOption('PERSON');
    await checkScreen(page, '62-map-register-layer-en');
  });

  it('at village zoom a component layer shows its records as points; a click opens the record', async () => {
    const dispatcher = (await loginAll(app, 'township.dispatcher'))['township.dispatcher']!;
    const cell = u.gridworker!.user.gridCodes[0] as string;
    const at = await pointIn(app, cell);
    const made = await u.gridworker!.post('/api/register/things', {
      gridCode: cell,
      classCode: '0117',
      code: 'E2E-HY-0001',
      name: '测试 消火栓',
      location: at,
      state: 'DAMAGED',
    });
    expect(made.status).toBe(201);
    const { context, page } = await signIn(browser, app.baseUrl, 'township.dispatcher');
    try {
      await page.goto(`${app.baseUrl}/#/map`);
      await page.waitForFunction(() => ((window as any).__wanggeMap?.cellCount() ?? 0) > 0);
      const select = page.locator('[data-testid=register-layer] select');
      await select.waitFor();
      await select.selectOption('THING:FAULTY');
      // Zoomed out: the choropleth only, and a hint to zoom in.
      await page.waitForSelector('[data-testid=register-points][data-status=zoom-in]');
      await page.evaluate(
        ([lat, lon]) => (window as any).__wanggeMap.setView(lat, lon, 17),
        [at.lat, at.lon],
      );
      await page.waitForSelector('[data-testid=register-points][data-status=shown]');
      const shown = (await page.textContent('[data-testid=register-points]')) ?? '';
      const api = await dispatcher.get(
        `/api/register/points?layer=THING:FAULTY&bbox=${at.lon - 0.003},${at.lat - 0.003},${at.lon + 0.003},${at.lat + 0.003}`,
      );
      expect(api.body.data.points.length).toBeGreaterThan(0);
      expect(shown).toMatch(/视野内 \d+ 个点位/);
      const px = await page.evaluate(
        ([lat, lon]) => (window as any).__wanggeMap.pixelOf(lat, lon),
        [at.lat, at.lon],
      );
      const box = (await page.locator('.leaflet-container').boundingBox())!;
      await page.mouse.click(box.x + px.x, box.y + px.y);
      await page.waitForSelector('[data-testid=register-point]');
      const popup = (await page.textContent('[data-testid=register-point]')) ?? '';
      expect(popup).toContain('测试 消火栓');
      expect(popup).toContain('E2E-HY-0001');
      expect(popup).toContain('破损');
      await checkScreen(page, '61-map-register-points');
    } finally {
      await context.close();
    }
  });
});
