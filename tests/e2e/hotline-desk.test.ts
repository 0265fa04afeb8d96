import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, waitForQuiet } from '../support/browser';
import { actOk, loginAll, pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

const CG = '371502-CHENGGUAN';

/** Clicks the report map at `page` pixel (x, y) of the map and reads back the point the form took. */
async function clickMap(page: Page, x: number, y: number) {
  await page.locator('[data-testid=report-map]').scrollIntoViewIfNeeded();
  const box = (await page.locator('[data-testid=report-map]').boundingBox())!;
  const before = await page.inputValue('input[name=lon]');
  await page.mouse.click(box.x + x, box.y + y);
  // A click where the last one was leaves the point as it is: then there is nothing to wait for.
  await page
    .waitForFunction(
      ([lon]) => (document.querySelector('input[name=lon]') as HTMLInputElement | null)?.value !== lon,
      [before],
      { timeout: 3000 },
    )
    .catch(() => undefined);
  // Apart in time, so two clicks are never taken for a double click (which zooms).
  await page.waitForTimeout(400);
  return {
    lon: Number(await page.inputValue('input[name=lon]')),
    lat: Number(await page.inputValue('input[name=lat]')),
  };
}

/**
 * Places the call by clicking the map where `target` is, as an operator does: two clicks tell
 * where the map stands (pixels to degrees); while the place is off the map, drag it closer; then
 * the click on the place itself.
 */
async function placeOnMap(page: Page, target: { lon: number; lat: number }) {
  const map = page.locator('[data-testid=report-map]');
  let zoomed = false;
  for (let i = 0; i < 12; i++) {
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const [x1, y1, x2, y2] = [box.width * 0.3, box.height * 0.3, box.width * 0.7, box.height * 0.7];
    const a = await clickMap(page, x1, y1);
    const b = await clickMap(page, x2, y2);
    const x = x1 + ((target.lon - a.lon) / (b.lon - a.lon)) * (x2 - x1);
    const y = y1 + ((target.lat - a.lat) / (b.lat - a.lat)) * (y2 - y1);
    const [dx, dy] = [box.width / 2 - x, box.height / 2 - y];
    const near = Math.abs(dx) < box.width * 0.35 && Math.abs(dy) < box.height * 0.35;
    if (near && zoomed) return refine(page, target, { x, y }, { a, b, x1, y1, x2, y2 });
    const clamp = (v: number, m: number) => Math.max(-m, Math.min(m, v));
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + clamp(dx, box.width * 0.4), cy + clamp(dy, box.height * 0.4), { steps: 12 });
    await page.mouse.up();
    await page.waitForTimeout(400);
    if (near) {
      // The place is in the middle now: zoom in around it (the + button keeps the centre).
      for (let z = 0; z < 3; z++) {
        await page.click('[data-testid=report-map] .leaflet-control-zoom-in');
        await page.waitForTimeout(500);
      }
      zoomed = true;
    }
  }
  throw new Error('could not bring the place onto the map');
}

/** Clicks where the calibration says `target` is, then corrects by what the form took, twice. */
async function refine(
  page: Page,
  target: { lon: number; lat: number },
  start: { x: number; y: number },
  c: {
    a: { lon: number; lat: number };
    b: { lon: number; lat: number };
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  },
) {
  const perX = (c.b.lon - c.a.lon) / (c.x2 - c.x1);
  const perY = (c.b.lat - c.a.lat) / (c.y2 - c.y1);
  let { x, y } = start;
  let got = await clickMap(page, x, y);
  for (let i = 0; i < 2; i++) {
    x += (target.lon - got.lon) / perX;
    y += (target.lat - got.lat) / perY;
    got = await clickMap(page, x, y);
  }
  return got;
}

describe.runIf(hasBrowser())('the 12345 desk in real Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp({ now: new Date() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes a call with its caller, placed on the map; closed by the desks; called back dissatisfied and back at the level that closed it', async () => {
    const u = await loginAll(
      app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'hotline',
    );
    const cell: string = u.gridworker.user.gridCodes[0];
    const target = await pointIn(app, cell);
    const { context, page } = await signIn(browser, app.baseUrl, 'hotline');
    try {
      // 1. The call: request type, caller, category, what the caller says, the place on the map.
      await page.goto(`${app.baseUrl}/#/report`);
      await page.waitForSelector('[data-testid=caller-fields]');
      await page.check('input[name=requestType][value=投诉]');
      await page.fill('input[name=callerName]', '王女士');
      await page.fill('input[name=callerPhone]', '138 1234 5678');
      await page.fill('[data-testid=category-search]', '占道');
      await page.click('[data-testid=category-option][data-code="0201"]');
      await page.fill('textarea[name=description]', '市民来电：菜市场门口摊贩占道经营');
      // Aimed at the grid worker's cell: the case must land in it (checked after sending).
      await placeOnMap(page, target);
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-01-call');
      await page.click('[data-testid=submit-report]');
      await page.waitForSelector('[data-testid=report-done]');
      const code = (await page.textContent('[data-testid=report-done] strong'))!.trim();
      const row = await app.ctx.db.read.case.findUniqueOrThrow({ where: { code } });
      expect(row).toMatchObject({ source: 'HOTLINE', gridCode: cell });
      const call = await app.ctx.db.read.hotlineCall.findUniqueOrThrow({ where: { caseId: row.id } });
      expect(call).toMatchObject({ requestType: '投诉', callerName: '王女士' });
      expect(call.callerPhone).not.toContain('5678');

      // 2. The desks handle and close it (through the API, as the other browser tests do).
      let c = (await u.hotline.get(`/api/cases/${row.id}`)).body.data;
      c = await actOk(u['village.operator'], c, 'REGISTER');
      c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要执法局处置' });
      c = await actOk(u['township.dispatcher'], c, 'REGISTER');
      c = await actOk(u['township.dispatcher'], c, 'DISPATCH', { leadDepartmentId: CG });
      c = await actOk(u['dept.chengguan'], c, 'CLAIM');
      c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已劝离' });
      c = await actOk(u.gridworker, c, 'CHECK_PASS');
      c = await actOk(u['township.dispatcher'], c, 'CLOSE');
      expect(c.state).toBe('CLOSED');

      // 3. The operator finds it in the 回访 queue and records 不满意.
      await page.click('nav a[href="#/callbacks"]');
      await page.waitForSelector(`[data-testid=callback-row][data-code="${code}"]`);
      expect(await page.textContent(`[data-testid=callback-row][data-code="${code}"]`)).toContain(
        '138****5678',
      );
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-02-queue');
      await page.click(`[data-testid=callback-row][data-code="${code}"] [data-testid=callback-open]`);
      await page.check('input[name=rating][value=DISSATISFIED]');
      await page.fill('textarea[name=note]', '摊贩晚上又回来了');
      await checkScreen(page, 'hotline-desk-03-record');
      await page.click('[data-testid=callback-form] button[type=submit]');
      await page.waitForSelector('[data-testid=callback-saved]');

      // 4. Back at the level that closed it (the township), its department doing it again: rework.
      const after = (await u['township.dispatcher'].get(`/api/cases/${row.id}`)).body.data;
      expect(after).toMatchObject({
        state: 'DISPATCHED',
        ownerUnitCode: u['township.dispatcher'].user.unitCode,
        reworkCount: 1,
        leadDepartmentId: CG,
      });
      await page.click('[data-testid=callbacks-done]');
      await page.waitForSelector(`[data-testid=callback-row][data-code="${code}"]`);
      expect(
        await page.textContent(
          `[data-testid=callback-row][data-code="${code}"] [data-testid=callback-result]`,
        ),
      ).toContain('不满意');
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-04-done');

      // 5. On the case: the caller masked, the full phone only through the logged reveal.
      await page.click(`[data-testid=callback-row][data-code="${code}"] a`);
      await page.waitForSelector('[data-testid=caller-panel]');
      expect(await page.textContent('[data-testid=caller-phone]')).toBe('138****5678');
      await page.click('[data-testid=caller-reveal]');
      await page.fill('input[name=purpose]', '回访核实诉求');
      await page.click('[data-testid=caller-panel] button[type=submit]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=caller-phone]')?.textContent === '13812345678',
      );
      expect(
        await app.ctx.db.read.registerAccess.count({ where: { caseId: row.id, action: 'REVEAL_CALLER' } }),
      ).toBe(1);
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-05-case');

      // 6. English, and on a phone.
      await page.evaluate(() => localStorage.setItem('wangge.locale', 'en'));
      await page.goto(`${app.baseUrl}/#/callbacks`);
      await page.reload();
      await page.click('[data-testid=callbacks-done]');
      await page.waitForSelector(`[data-testid=callback-row][data-code="${code}"]`);
      expect(await page.textContent('main h1')).toBe('Callbacks');
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-06-done-en');
      await page.goto(`${app.baseUrl}/#/report`);
      await page.waitForSelector('[data-testid=caller-fields]');
      await page.setViewportSize({ width: 390, height: 844 });
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-07-call-phone-en');
    } finally {
      await context.close();
    }
  }, 180_000);
});
