import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, snap } from '../support/browser';
import { actOk, buildCase, loginAll, pointIn, TINY_PNG } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Distinct colours in a screenshot of the map (a blank map has one or two). */
async function coloursOf(page: Page): Promise<{ distinct: number; share: number }> {
  const png = await page.locator('[data-testid=map]').screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    return { distinct: counts.size, share: top / (data.length / 4) };
  }, png.toString('base64'));
}

const mapReady = (page: Page) =>
  page.waitForFunction(
    () =>
      ((window as any).__wanggeMap?.cellCount() ?? 0) > 0 && (window as any).__wanggeMap.markerCount() > 0,
  );

describe.runIf(hasBrowser())('acting from the command map', () => {
  let app: TestApp;
  let browser: Browser;
  let caseId = '';
  let caseCode = '';
  beforeAll(async () => {
    app = await startTestApp({ now: new Date() });
    browser = await launchBrowser();
    const u = await loginAll(app, 'gridworker', 'village.operator', 'township.dispatcher');
    // A report the station and the township could not handle: escalated to the county centre.
    let c = await buildCase(app, u.gridworker, { description: '河道违法倾倒建筑垃圾，需区级协调' });
    c = await actOk(u['village.operator'], c, 'REGISTER');
    c = await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要街道协调处置' });
    c = await actOk(u['township.dispatcher'], c, 'REGISTER');
    c = await actOk(u['township.dispatcher'], c, 'ESCALATE', { reason: '涉及多个街道，请区里协调' });
    caseId = c.id;
    caseCode = c.code;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the county centre clicks the marker, registers the case in the side panel, and the map follows', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'county.dispatcher');
    await page.goto(`${app.baseUrl}/#/map`);
    await mapReady(page);
    const cell = (await app.ctx.db.read.case.findUniqueOrThrow({ where: { id: caseId } })).gridCode;
    const at = await pointIn(app, cell);
    await page.evaluate(([lat, lon]) => (window as any).__wanggeMap.setView(lat, lon, 16), [at.lat, at.lon]);
    await page.waitForTimeout(400);
    const p = await page.evaluate((id) => (window as any).__wanggeMap.pointOf(id), caseId);
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.mouse.click(box.x + p.x, box.y + p.y);
    const panel = page.locator('[data-testid=case-panel]');
    await panel.locator('[data-testid=case-detail][data-state=ESCALATED]').waitFor();
    expect(await panel.locator('[data-testid=history] li').count()).toBe(5);
    await snap(page, '22-map-case-panel');
    await panel.locator('button[data-action=REGISTER]').click();
    await panel.locator('[data-testid=action-submit]').click();
    await panel.locator('[data-testid=case-detail][data-state=REGISTERED]').waitFor();
    // The live event reached the map: the feed names the case, a click there opens it too.
    await page.waitForSelector(`[data-testid=feed] li:has-text("${caseCode}")`);
    await page.click('[data-testid=case-panel-close]');
    await page.click(`[data-testid=feed] li:has-text("${caseCode}") [data-testid=feed-open]`);
    await panel.locator('[data-testid=case-detail][data-state=REGISTERED]').waitFor();
    // And the county can go on and dispatch from the same panel.
    await panel.locator('button[data-action=DISPATCH]').click();
    await panel.locator('[data-testid=action-submit]').click();
    await panel.locator('[data-testid=case-detail][data-state=DISPATCHED]').waitFor();
    await snap(page, '23-map-case-dispatched');
    await page.context().close();
  });

  it('the markers still appear when the cluster worker cannot load (clustered in the page)', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'command.city');
    // Playwright's routes do not see a worker's script: the page's Worker is pointed at a
    // script that is not there (404), as a broken deployment or a proxy would.
    await page.addInitScript(() => {
      const Real = window.Worker;
      (window as any).Worker = function Broken(_url: URL, options?: WorkerOptions) {
        return new Real('/assets/no-such-worker.js', options);
      };
    });
    await page.goto(`${app.baseUrl}/#/map`);
    await page.reload(); // a new document, so that the init script runs
    await mapReady(page);
    await page.waitForFunction(() => (window as any).__wanggeMap.clustering() === 'page');
    await page.locator('.cmd-cluster, .cmd-case-dot').first().waitFor();
    await page.context().close();
  });

  it('search jumps to a cell, a filter changes the markers, max zoom is never blank', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'command.city');
    await page.goto(`${app.baseUrl}/#/map`);
    await mapReady(page);
    // The cases are clustered off the page's thread (client/src/map/cluster-worker.ts).
    expect(await page.evaluate(() => (window as any).__wanggeMap.clustering())).toBe('worker');
    const all = await page.evaluate(() => (window as any).__wanggeMap.shownCount());
    expect(all).toBeGreaterThan(0);
    // Overdue only: no case is overdue yet, so nothing is shown; back to all.
    await page.check('[data-testid=filter-overdue]');
    await page.waitForFunction(() => (window as any).__wanggeMap.shownCount() === 0);
    await page.uncheck('[data-testid=filter-overdue]');
    await page.selectOption('[data-testid=filter-state]', 'DISPATCHED');
    await page.waitForFunction(() => (window as any).__wanggeMap.shownCount() === 1);
    await page.selectOption('[data-testid=filter-state]', '');
    await page.waitForFunction((n) => (window as any).__wanggeMap.shownCount() === n, all);

    const cell = (await app.ctx.db.read.grid.findFirstOrThrow({ where: { name: { contains: '古城社区' } } }))
      .code;
    await page.fill('[data-testid=map-search]', cell);
    await page.press('[data-testid=map-search]', 'Enter');
    await page.waitForFunction(
      (c) => document.querySelector('[data-testid=map]')?.getAttribute('data-cell') === c,
      cell,
    );
    expect(await page.evaluate(() => (window as any).__wanggeMap.zoom())).toBeGreaterThanOrEqual(14);
    // By a place name: a township, which the map drills into.
    await page.fill('[data-testid=map-search]', '古楼街道');
    await page.press('[data-testid=map-search]', 'Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=map]')?.getAttribute('data-unit') === '371502001000',
    );
    await page.waitForTimeout(1000);
    await snap(page, '24-map-search-township');

    // Zoomed in as far as the map goes, in the middle of a cell: outlines, labels, not one grey.
    const at = await pointIn(app, cell);
    const max = await page.evaluate(() => (window as any).__wanggeMap.maxZoom());
    await page.evaluate(
      ([lat, lon, z]) => (window as any).__wanggeMap.setView(lat, lon, z),
      [at.lat, at.lon, max],
    );
    await page.waitForTimeout(800);
    const c = await coloursOf(page);
    await snap(page, '25-map-max-zoom');
    expect(c.distinct).toBeGreaterThan(20);
    expect(c.share).toBeLessThan(0.9);
    await page.context().close();
  });

  it('the admin sets an XYZ tile URL and the map requests it (and falls back when tiles fail)', async () => {
    const requested: string[] = [];
    let isBroken = false;
    const tiles: Server = createServer((req, res) => {
      requested.push(req.url ?? '');
      if (isBroken) res.writeHead(500).end();
      else res.writeHead(200, { 'content-type': 'image/png' }).end(TINY_PNG);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const port = (tiles.address() as { port: number }).port;
    try {
      const admin = await signIn(browser, app.baseUrl, 'admin');
      await admin.page.goto(`${app.baseUrl}/#/basemap`);
      await admin.page.check('input[name=kind][value=XYZ]');
      await admin.page.fill('input[name=xyzUrl]', `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`);
      await admin.page.fill('input[name=attribution]', '本地测试瓦片');
      await admin.page.click('[data-testid=map-settings] button[type=submit]');
      await admin.page.waitForSelector('[data-testid=map-settings-saved]');
      await snap(admin.page, '26-admin-basemap');
      await admin.context.close();

      const { page } = await signIn(browser, app.baseUrl, 'command.city');
      await page.goto(`${app.baseUrl}/#/map`);
      await mapReady(page);
      await page.waitForFunction(() => document.querySelector('.leaflet-tile-loaded') !== null);
      expect(requested.some((u) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
      expect(await page.evaluate(() => (window as any).__wanggeMap.baseMap())).toBe('tiles');
      expect(await page.textContent('.leaflet-control-attribution')).toContain('本地测试瓦片');
      // The tile server fails: the map drops the tiles, says so, and keeps its vector layers.
      isBroken = true;
      await page.evaluate(() => (window as any).__wanggeMap.setView(36.0, 115.6, 12));
      await page.waitForFunction(() => (window as any).__wanggeMap.baseMap() === 'tiles-failed');
      await page.waitForSelector('.cmd-map-note');
      await snap(page, '27-map-tiles-failed');
      await page.context().close();
    } finally {
      tiles.close();
      await (await app.as('admin')).send('PUT', '/api/admin/map-settings', {
        body: JSON.stringify({ kind: 'NONE' }),
        headers: { 'content-type': 'application/json' },
      });
    }
  });
});
