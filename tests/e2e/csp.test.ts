import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAV_BY_ROLE } from '../../client/src/features/shell/navigation';
import { hasBrowser, launchBrowser, signIn, snap, waitForQuiet } from '../support/browser';
import { buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** One account of every role; each loads every screen its navigation offers, and more. */
const ONE_PER_ROLE = {
  ADMIN: 'admin',
  DISPATCHER: 'township.dispatcher',
  STATION_OPERATOR: 'village.operator',
  GRID_WORKER: 'gridworker',
  DEPT_STAFF: 'dept.chengguan',
  VIEWER: 'command.city',
  HOTLINE: 'hotline',
} as const;

/** Records every CSP violation the page reports (the init script runs before the app's own). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__reportCsp', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return seen;
}

describe.runIf(hasBrowser())('the strict Content-Security-Policy in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let caseId: string;
  beforeAll(async () => {
    app = await startTestApp({ now: new Date() });
    browser = await launchBrowser();
    caseId = (await buildCase(app, await app.as('gridworker'), { description: 'CSP 检查：井盖缺失' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the sign-in page loads under the policy with no violation', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const res = await page.goto(app.baseUrl);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('input[name=username]');
    expect(violations).toEqual([]);
    await context.close();
  });

  for (const [role, username] of Object.entries(ONE_PER_ROLE)) {
    it(`${role} (${username}): every screen, with zero violations`, async () => {
      const { context, page } = await signIn(browser, app.baseUrl, username);
      const violations = await watchViolations(page);
      await page.reload();
      await page.waitForSelector('[data-testid=connection]');
      const routes = [...(NAV_BY_ROLE[role] ?? []).map((n) => n.route), 'account', `case/${caseId}`];
      for (const route of routes) {
        await page.goto(`${app.baseUrl}/#/${route}`);
        // Quiet: no request for 500 ms, so every script, style, image and worker was loaded (and
        // any violation reported) by then.
        await waitForQuiet(page);
      }
      await snap(page, `csp-${role.toLowerCase()}`);
      // The English side of the same screens.
      const english = page.locator('button:text-is("English")');
      if (await english.count()) {
        await english.first().click();
        await page.goto(`${app.baseUrl}/#/${routes[0]}`);
        await waitForQuiet(page);
      }
      expect(violations).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
