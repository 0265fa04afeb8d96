import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, snap } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe.runIf(hasBrowser())('the command centre map', () => {
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

  it('drills down city → county → township → village and switches to English', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'command.city');
    await page.goto(`${app.baseUrl}/#/map`);
    await page.waitForFunction(() => (window as any).__wanggeMap?.cellCount() > 10_000);
    const crumbs = () => page.locator('.cmd-crumbs [aria-current=page]').textContent();
    for (const name of ['东昌府区', '古楼街道', '古城社区居委会']) {
      await page.click(`.cmd-list button:text-is("${name}")`);
      await page.waitForFunction(
        (n) => document.querySelector('.cmd-crumbs [aria-current=page]')?.textContent === n,
        name,
      );
    }
    expect(await crumbs()).toBe('古城社区居委会');
    // At village level the panel lists the village's cells.
    await page.waitForSelector('.cmd-list button:has-text("古城社区居委会第1网格")');
    await page.waitForTimeout(1500);
    await snap(page, '20-map-village');
    // Back up through the breadcrumb.
    await page.click('.cmd-crumbs button:text-is("东昌府区")');
    await page.waitForFunction(
      () => document.querySelector('.cmd-crumbs [aria-current=page]')?.textContent === '东昌府区',
    );

    await page.click('button:text-is("English")');
    await page.waitForSelector('nav a:text-is("Live map")');
    await snap(page, '21-map-english');
    // The page's language and title follow the choice, also after a reload.
    const pageLanguage = () => page.evaluate(() => [document.documentElement.lang, document.title]);
    expect(await pageLanguage()).toEqual(['en', 'Five-level Smart Grid']);
    await page.reload();
    await page.waitForSelector('nav a:text-is("Live map")');
    expect(await pageLanguage()).toEqual(['en', 'Five-level Smart Grid']);
    await page.click('button:text-is("中文")');
    await page.waitForSelector('nav a:text-is("综治一张图")');
    expect(await pageLanguage()).toEqual(['zh-CN', '五级联动智能网格']);
  });

  it('is not shown to a township dispatcher beyond its township', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'township.dispatcher');
    await page.goto(`${app.baseUrl}/#/map`);
    await page.waitForFunction(() => (window as any).__wanggeMap?.cellCount() > 0);
    const cells = await page.evaluate(() => (window as any).__wanggeMap.cellCount());
    const own = await app.ctx.db.read.grid.count({ where: { townshipCode: '371502001000' } });
    expect(cells).toBe(own);
  });
});
