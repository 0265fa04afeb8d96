import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, waitForQuiet } from '../support/browser';
import { pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * 开放接口: an admin issues an Open311 key on the screen (shown once), the key reports a case,
 * the admin revokes it and it is refused; the screen passes the checks in Chinese and English.
 */
describe.runIf(hasBrowser())('Open311 keys screen', () => {
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

  it('issues a key once, which reports until it is revoked', async () => {
    const { page, context } = await signIn(browser, app.baseUrl, 'admin', { width: 1280, height: 800 });
    try {
      page.on('dialog', (d) => void d.accept());
      await page.click('nav a[href="#/open311"]');
      await page.waitForSelector('main h1');
      expect(await page.textContent('main h1')).toBe('开放接口');
      await page.fill('input[name=name]', '东昌府区市民服务平台');
      await page.click('form button[type=submit]');
      const key = (await page.textContent('[data-testid=open311-issued-key] code'))!.trim();
      expect(key).toMatch(/^o311_/);
      await page.waitForSelector('[data-testid=open311-keys] tbody tr');
      await waitForQuiet(page);
      await checkScreen(page, 'open311-keys-zh-CN');

      const worker = await app.as('gridworker');
      const at = await pointIn(app, worker.user.gridCodes[0]);
      const post = () =>
        app.anonymous().send('POST', '/open311/v2/requests.json', {
          body: new URLSearchParams({
            api_key: key,
            service_code: '0201',
            lat: String(at.lat),
            long: String(at.lon),
            description: '浏览器测试：占道经营',
          }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      expect((await post()).status).toBe(201);

      // Reloaded, the key is gone from the screen; its row shows it was used.
      await page.reload();
      await page.waitForSelector('[data-testid=open311-keys] tbody tr');
      expect(await page.locator('[data-testid=open311-issued-key]').count()).toBe(0);
      expect(await page.content()).not.toContain(key);
      await page.click('[data-testid=open311-keys] tbody tr button');
      await page.waitForSelector('[data-testid=open311-keys] tbody tr.inactive');
      expect((await post()).status).toBe(403);

      await page.evaluate(() => localStorage.setItem('wangge.locale', 'en'));
      await page.reload();
      await page.waitForSelector('[data-testid=open311-keys] tbody tr.inactive');
      expect(await page.textContent('main h1')).toBe('Open interface (Open311)');
      await waitForQuiet(page);
      await checkScreen(page, 'open311-keys-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await checkScreen(page, 'open311-keys-phone-en');
    } finally {
      await context.close();
    }
  }, 120_000);
});
