import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasBrowser, SCREENSHOTS_DIR, signIn, waitForQuiet } from '../support/browser';
import { useBrowserApp } from '../support/browser-app';
import { checkScreen } from '../support/screen-check';

/**
 * 接口文档: the OpenAPI description read on a page of the client (no third-party viewer, so the
 * strict CSP holds): every endpoint of the description listed by tag, one opened with its body's
 * fields, a filter, in Chinese and English, on a desk and a phone.
 */
describe.runIf(hasBrowser())('API reference screen', () => {
  const env = useBrowserApp();

  it('lists every described endpoint and shows what POST /api/cases takes', async () => {
    const admin = await env.app.as('admin');
    const doc = (await admin.get('/api/openapi.json')).body as { paths: Record<string, object> };
    const total = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const { page, context } = await signIn(env.browser, env.app.baseUrl, 'admin', {
      width: 1280,
      height: 800,
    });
    try {
      await page.click('nav a[href="#/apidocs"]');
      await page.waitForSelector('[data-testid=api-op]');
      expect(await page.textContent('main h1')).toBe('接口文档');
      expect(await page.locator('[data-testid=api-op]').count()).toBe(total);
      expect(await page.textContent('[data-testid=api-count]')).toBe(`共 ${total} 个接口`);

      const report = page.locator('[data-testid=api-op]', { hasText: '上报案件' }).first();
      await report.locator('summary').click();
      const fields = await report.locator('table.api-fields').last().textContent();
      for (const name of ['categoryCode', 'description', 'location']) expect(fields).toContain(name);
      expect(await report.textContent()).toContain('VALIDATION_FAILED');
      await waitForQuiet(page);
      await checkScreen(page, 'api-docs-zh-CN');
      // The opened endpoint alone, at a size one can read.
      await report.screenshot({ path: join(SCREENSHOTS_DIR, 'api-docs-report-case-zh-CN.png') });

      await page.fill('.api-filter input', 'open311');
      await expect.poll(() => page.locator('[data-testid=api-op]').count()).toBeLessThan(total);
      const shown = await page.locator('[data-testid=api-op] summary').allTextContents();
      expect(shown.length).toBeGreaterThan(5);
      for (const s of shown) expect(s.toLowerCase()).toContain('open311');

      await page.evaluate(() => localStorage.setItem('wangge.locale', 'en'));
      await page.reload();
      await page.waitForSelector('[data-testid=api-op]');
      expect(await page.textContent('main h1')).toBe('API reference');
      await page
        .locator('[data-testid=api-op]', { hasText: 'Report a case' })
        .first()
        .locator('summary')
        .click();
      await waitForQuiet(page);
      await checkScreen(page, 'api-docs-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await checkScreen(page, 'api-docs-phone-en');
      await page
        .locator('[data-testid=api-op][open]')
        .first()
        .screenshot({
          path: join(SCREENSHOTS_DIR, 'api-docs-report-case-phone-en.png'),
        });
    } finally {
      await context.close();
    }
  }, 120_000);
});
