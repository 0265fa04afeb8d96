import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser, makePhoto, signIn, snap, waitForQuiet } from '../support/browser';
import { useBrowserApp } from '../support/browser-app';
import { actOk, pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';

const PHONE = { width: 390, height: 844 };

/** Records every CSP violation the page reports (as tests/e2e/csp.test.ts does). */
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

/** A citizen's phone: no account, a location to give, Chinese first. */
async function citizenPhone(browser: Browser, at: { lon: number; lat: number }) {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: at.lat, longitude: at.lon },
    permissions: ['geolocation'],
  });
  return context;
}

/** Opens a public page and records its errors and CSP violations. */
async function openPublic(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const violations = await watchViolations(page);
  await page.goto(url);
  return { page, errors, violations };
}

/**
 * The citizens' channel end to end on a phone: a citizen reports with a photo and a map tap and
 * gets a tracking code; the village operator registers it on 群众上报待登记; the case is
 * dispatched and claimed through the API; the tracking page, opted in, shows the progress.
 */
describe.runIf(hasBrowser())('citizen report, registration and tracking', () => {
  const env = useBrowserApp();

  it('a citizen report becomes a case after the village registers it, and its tracking page shows progress', async () => {
    const worker = await env.app.as('gridworker');
    const at = await pointIn(env.app, worker.user.gridCodes[0]);
    const citizen = await citizenPhone(env.browser, at);
    try {
      const { page, errors, violations } = await openPublic(citizen, `${env.app.baseUrl}/#/public/report`);
      await page.waitForSelector('[data-testid=public-category] option[value="0201"]', { state: 'attached' });
      expect(await page.textContent('h1')).toBe('群众随手拍');
      await page.waitForTimeout(500);
      await checkScreen(page, 'citizen-report-zh-CN');

      // Bad input first: every missing field is named.
      await page.click('[data-testid=public-submit]');
      await page.waitForSelector('[data-testid=public-error]');

      await page.selectOption('[data-testid=public-category]', '0201');
      await page.fill('textarea[name=description]', '小区门口有人占道摆摊，早晚高峰堵塞通行');
      await page.setInputFiles('[data-testid=public-photos]', await makePhoto(page, '占道摆摊'));
      await page.waitForSelector('.thumbs img');
      // The phone's position centres the map on the place; a tap there marks it.
      await page.click('[data-testid=public-gps]');
      await page.waitForFunction(
        () => !document.querySelector('[data-testid=public-point]')?.textContent?.includes('尚未'),
      );
      await page.waitForTimeout(800); // the map's move to the point
      const map = page.locator('[data-testid=public-map]');
      const box = (await map.boundingBox())!;
      await map.tap({ position: { x: box.width / 2 + 10, y: box.height / 2 + 10 } });
      const gps = `${at.lat.toFixed(5)}, ${at.lon.toFixed(5)}`;
      await page.waitForFunction((before) => {
        const t = document.querySelector('[data-testid=public-point]')?.textContent ?? '';
        return t.includes('已选位置') && !t.includes(before);
      }, gps);
      // The tap moved the point a few metres from the phone's position (zoom 16: ~2.4 m a pixel).
      const shown = (await page.textContent('[data-testid=public-point]'))!;
      const [lat, lon] = shown
        .replace(/^[^0-9]*/, '')
        .split(',')
        .map(Number);
      expect(Math.abs(lat! - at.lat)).toBeLessThan(0.0005);
      expect(Math.abs(lon! - at.lon)).toBeLessThan(0.0005);
      await page.fill('input[name=contactName]', '李先生');
      await page.fill('input[name=contactPhone]', '13800138000');
      await snap(page, 'citizen-report-filled-phone');
      await page.click('[data-testid=public-submit]');
      await page.waitForSelector('[data-testid=tracking-code]');
      const code = (await page.textContent('[data-testid=tracking-code]'))!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await checkScreen(page, 'citizen-report-done-zh-CN');

      // Not a case yet: the tracking page says it waits for the village.
      await page.click('[data-testid=track-link]');
      await page.waitForSelector('[data-testid=tracked]');
      expect(await page.getAttribute('[data-testid=tracked]', 'data-status')).toBe('SUBMITTED');
      expect(await page.textContent('[data-testid=track-status]')).toContain('等待村（社区）登记');
      await checkScreen(page, 'citizen-track-submitted-zh-CN');

      // The village operator registers it.
      const desk = await signIn(env.browser, env.app.baseUrl, 'village.operator', PHONE);
      try {
        await desk.page.goto(`${env.app.baseUrl}/#/citizens`);
        const item = desk.page.locator(
          `[data-testid=citizen-submission][data-code="${code.replaceAll('-', '')}"]`,
        );
        await item.waitFor();
        await item.locator('.photos img').waitFor();
        expect(await item.textContent()).toContain('138****8000');
        expect(await item.textContent()).not.toContain('13800138000');
        await waitForQuiet(desk.page);
        await checkScreen(desk.page, 'citizen-desk-pending-phone-zh-CN');
        await item.locator('[data-testid=citizen-register]').click();
        await desk.page.waitForSelector('[data-testid=citizen-done]');
        expect(await desk.page.textContent('[data-testid=citizen-done]')).toMatch(
          /已登记为案件 3715-\d{8}-\d{6}/,
        );
      } finally {
        await desk.context.close();
      }

      // The tracking page, opted in to changes, with a clock the test moves.
      const tracker = await citizen.newPage();
      const trackerViolations = await watchViolations(tracker);
      await tracker.clock.install();
      await tracker.goto(`${env.app.baseUrl}/#/public/track/${code.toLowerCase()}`);
      await tracker.waitForSelector('[data-testid=tracked][data-status=REGISTERED]');
      await tracker.check('[data-testid=track-follow]');

      const village = await env.app.as('village.operator');
      const township = await env.app.as('township.dispatcher');
      const dept = await env.app.as('dept.chengguan');
      const sub = await env.app.ctx.db.read.citizenSubmission.findFirstOrThrow({
        where: { trackingCode: code.replaceAll('-', '') },
      });
      expect(sub.caseId).toBeTruthy();
      let c = (await village.get(`/api/cases/${sub.caseId}`)).body.data;
      expect(c).toMatchObject({ source: 'CITIZEN', state: 'REGISTERED' });
      c = await actOk(village, c, 'ESCALATE', { reason: '需要城管执法处置' });
      c = await actOk(township, c, 'REGISTER');
      c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });
      c = await actOk(dept, c, 'CLAIM');

      await tracker.clock.runFor(31_000);
      await tracker.waitForSelector('[data-testid=tracked][data-status=CLAIMED]');
      expect(await tracker.textContent('[data-testid=track-change]')).toContain('办理有新进展');
      const states = await tracker
        .locator('[data-testid=track-timeline] li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
      expect(states).toEqual(['SUBMITTED', 'REGISTERED', 'ESCALATED', 'REGISTERED', 'DISPATCHED', 'CLAIMED']);
      const text = (await tracker.textContent('main'))!;
      for (const secret of ['李先生', '13800138000', '8000', '需要城管执法', '占道摆摊，早晚'])
        expect(text).not.toContain(secret);
      await checkScreen(tracker, 'citizen-track-progress-phone-zh-CN');

      await tracker.evaluate(() => localStorage.setItem('wangge.locale', 'en'));
      await tracker.reload();
      await tracker.waitForSelector('[data-testid=tracked][data-status=CLAIMED]');
      expect(await tracker.textContent('h1')).toBe('Track a report');
      await checkScreen(tracker, 'citizen-track-progress-phone-en');
      await page.goto(`${env.app.baseUrl}/#/public/report`);
      await page.reload();
      await page.waitForSelector('[data-testid=public-category] option[value="0201"]', { state: 'attached' });
      expect(await page.textContent('h1')).toBe('Report a problem');
      await page.waitForTimeout(500);
      await checkScreen(page, 'citizen-report-en');

      // A wrong code reveals nothing.
      await tracker.goto(`${env.app.baseUrl}/#/public/track/0000-0000-0000`);
      await tracker.waitForSelector('[data-testid=track-missing]');

      expect(errors).toEqual([]);
      expect([...violations, ...trackerViolations]).toEqual([]);
    } finally {
      await citizen.close();
    }
  }, 180_000);
});
