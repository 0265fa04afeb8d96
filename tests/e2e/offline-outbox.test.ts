import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, makePhoto, signIn, snap } from '../support/browser';
import { pointIn } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe.runIf(hasBrowser())('a report made offline', () => {
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

  it('waits in the outbox and is sent exactly once when the connection returns', async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker', { width: 390, height: 844 });
    const cell: string = (await app.as('gridworker')).user.gridCodes[0];
    const point = await pointIn(app, cell);
    await page.goto(`${app.baseUrl}/#/report`);
    await page.waitForSelector('[data-testid=category-search]');
    const photo = await makePhoto(page, 'offline');

    await context.setOffline(true);
    await page.fill('[data-testid=category-search]', '井盖');
    await page.click('[data-testid=category-option][data-code="0803"]');
    await page.fill('textarea[name=description]', '离线上报：人行道井盖缺失');
    await page.setInputFiles('[data-testid=photos]', photo);
    await page.fill('input[name=lon]', String(point.lon));
    await page.fill('input[name=lat]', String(point.lat));
    await page.click('[data-testid=set-point]');
    await page.click('[data-testid=submit-report]');
    await page.waitForSelector('[data-testid=report-queued]');
    await page.waitForSelector('[data-testid=outbox] li[data-status=pending]');
    await snap(page, '10-offline-outbox');
    expect(await app.ctx.db.read.case.count({ where: { description: '离线上报：人行道井盖缺失' } })).toBe(0);

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=outbox] li[data-status=sent]', { timeout: 45_000 });
    await snap(page, '11-outbox-sent');
    // Give any duplicate sending a chance to happen, then count: exactly one case, one photo.
    await page.waitForTimeout(1000);
    const cases = await app.ctx.db.read.case.findMany({ where: { description: '离线上报：人行道井盖缺失' } });
    expect(cases).toHaveLength(1);
    expect(await app.ctx.db.read.attachment.count({ where: { caseId: cases[0]!.id } })).toBe(1);
  });

  it('suggests the open case of the same category nearby before a second report (并案提示)', async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker', { width: 390, height: 844 });
    const cell: string = (await app.as('gridworker')).user.gridCodes[0];
    const point = await pointIn(app, cell);
    const first = await app.ctx.db.read.case.findFirstOrThrow({
      where: { description: '离线上报：人行道井盖缺失' },
    });
    await page.goto(`${app.baseUrl}/#/report`);
    await page.waitForSelector('[data-testid=category-search]');
    await page.fill('[data-testid=category-search]', '井盖');
    await page.click('[data-testid=category-option][data-code="0803"]');
    // 8 m north of the first report: inside 井盖缺失's 20 m.
    await page.fill('input[name=lon]', String(point.lon));
    await page.fill('input[name=lat]', String(point.lat + 8 / 111_195));
    await page.click('[data-testid=set-point]');
    const hints = page.locator('[data-testid=duplicate-hints]');
    await hints.locator(`a[href="#/case/${first.id}"]`).waitFor();
    expect(await hints.textContent()).toContain('相距约 8 米');
    await snap(page, '12-report-duplicate-hint');
    // Another category at the same spot: no suggestion.
    await page.fill('[data-testid=category-search]', '暴露垃圾');
    await page.click('[data-testid=category-option][data-code="0101"]');
    await hints.waitFor({ state: 'detached' });
    await context.close();
  });
});
