import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, makePhoto, signIn as signInAs } from '../support/browser';
import { actOk, pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

/** What the loop expects to read, in each language. */
const TEXT = {
  'zh-CN': {
    registerQ: '确认立案？',
    registered: '已立案',
    office: '综合行政执法中队',
    anyway: '仍然派遣',
    claimed: '已签收',
    closed: '已结案',
    outside: '不在您的管辖范围内',
  },
  en: {
    registerQ: 'Register?',
    registered: 'Registered',
    office: 'township enforcement squad',
    anyway: 'Dispatch anyway',
    claimed: 'Claimed',
    closed: 'Closed',
    outside: 'outside your jurisdiction',
  },
} as const;

describe.runIf(hasBrowser()).each(['zh-CN', 'en'] as const)(
  'the case loop in real Chromium (%s)',
  (language) => {
    const text = TEXT[language];
    const signIn = (b: Browser, url: string, user: string, viewport?: { width: number; height: number }) =>
      signInAs(b, url, user, viewport, language);
    // Each step's screen: a screenshot, axe-core's WCAG 2.1 AA check, no word in the wrong language.
    const snap = (page: Page, name: string) => checkScreen(page, `${language}-${name}`);
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

    it('report on the phone → dispatch desk → live workbench → claim → feedback → on-site check → close; another township sees nothing', async () => {
      const township = await signIn(browser, app.baseUrl, 'township.dispatcher');
      const dept = await signIn(browser, app.baseUrl, 'dept.chengguan');
      const worker = await signIn(browser, app.baseUrl, 'gridworker', { width: 390, height: 844 });
      const cell: string = (await app.as('gridworker')).user.gridCodes[0];
      await dept.page.goto(`${app.baseUrl}/#/tasks`);
      await dept.page.waitForSelector('[data-testid=workbench]');
      // The city command centre watches the live map.
      const city = await signIn(browser, app.baseUrl, 'command.city');
      await city.page.goto(`${app.baseUrl}/#/map`);
      await city.page.waitForFunction(() => (window as any).__wanggeMap?.cellCount() > 10_000);
      const before = await city.page.evaluate(
        (code) => ({
          markers: (window as any).__wanggeMap.markerCount(),
          fill: (window as any).__wanggeMap.cellStyle(code)?.fillColor,
        }),
        cell,
      );

      const village = await app.as('village.operator');
      // The grid worker reports on the phone: category search, a photo, the point, the resolved cell.
      await worker.page.goto(`${app.baseUrl}/#/report`);
      await worker.page.fill('[data-testid=category-search]', '占道');
      await worker.page.click('[data-testid=category-option][data-code="0201"]');
      await worker.page.fill('textarea[name=description]', '浏览器测试：占道经营');
      await worker.page.setInputFiles('[data-testid=photos]', await makePhoto(worker.page, 'before'));
      const point = await pointIn(app, cell);
      await worker.page.fill('input[name=lon]', String(point.lon));
      await worker.page.fill('input[name=lat]', String(point.lat));
      await worker.page.click('[data-testid=set-point]');
      await worker.page.waitForSelector(`[data-testid=resolved-grid][data-code="${cell}"]`);
      await snap(worker.page, '00-worker-report-form');
      await worker.page.click('[data-testid=submit-report]');
      const code = (await worker.page.textContent('[data-testid=report-done] strong'))!.trim();
      // The form is empty again for the next report: search, text and typed coordinates too.
      for (const field of ['[data-testid=category-search]', 'textarea[name=description]', 'input[name=lon]'])
        expect(await worker.page.inputValue(field), field).toBe('');
      const stored = await app.ctx.db.read.case.findUniqueOrThrow({ where: { code } });
      let c = await (await app.as('gridworker')).get(`/api/cases/${stored.id}`).then((r) => r.body.data);
      expect(c.events[0].attachments).toHaveLength(1);
      expect(c.events[0].attachments[0].mime).toBe('image/jpeg'); // compressed on the phone
      // Without a reload: one more marker, and the cell turns from "no case" to "open".
      await city.page.waitForFunction(
        (n) => (window as any).__wanggeMap.markerCount() === n + 1,
        before.markers,
      );
      const after = await city.page.evaluate(
        (code) => (window as any).__wanggeMap.cellStyle(code)?.fillColor,
        cell,
      );
      expect(after).not.toBe(before.fill);
      await city.page.waitForSelector(`[data-testid=feed] >> text=${c.code}`);
      await snap(city.page, '00-command-map-live');
      // The village station registers and escalates it (through the API, to keep the test short).
      c = await actOk(village, c, 'REGISTER');
      // The worker's bell counts it live, without a reload.
      await worker.page.waitForSelector('[data-testid=bell][data-unread="1"]');
      c = await actOk(village, c, 'ESCALATE', { reason: '需要区执法局处置' });

      // The township's inbox shows it live; it registers and dispatches from the case screen.
      await township.page.goto(`${app.baseUrl}/#/inbox`);
      await township.page.waitForSelector(`[data-case="${c.id}"]`);
      await snap(township.page, '01-township-inbox');
      await township.page.click(`[data-case="${c.id}"] a`);
      // 立案 asks first, then says what happened.
      await township.page.click('button[data-action=REGISTER]');
      await township.page.waitForSelector(`form[data-action=REGISTER] >> text=${text.registerQ}`);
      await township.page.click('[data-testid=action-submit]');
      await township.page.waitForSelector('[data-testid=case-detail][data-state=REGISTERED]');
      expect(await township.page.textContent('[data-testid=action-done]')).toContain(text.registered);
      // The picker suggests the township's own enforcement squad for 占道经营, and says why.
      await township.page.click('button[data-action=DISPATCH]');
      const township9 = c.ownerUnitCode.slice(0, 9);
      await township.page.waitForFunction(
        (id) => (document.querySelector('select[name=leadDepartmentId]') as HTMLSelectElement)?.value === id,
        `${township9}-ZHIFA`,
      );
      expect(await township.page.textContent('[data-testid=dispatch-suggestion]')).toContain(text.office);
      await snap(township.page, '01b-dispatch-suggestion');
      // Choosing the county bureau instead is possible, after a warning and a second press.
      await township.page.selectOption('select[name=leadDepartmentId]', '371502-CHENGGUAN');
      await township.page.click('[data-testid=action-submit]');
      await township.page.waitForSelector('[data-testid=outside-warning]');
      expect(await township.page.textContent('[data-testid=action-submit]')).toBe(text.anyway);
      await township.page.click('[data-testid=action-submit]');
      await township.page.waitForSelector('[data-testid=case-detail][data-state=DISPATCHED]');

      // The department's open workbench shows the task without a reload, and claims it.
      const row = `[data-case="${c.id}"]`;
      await dept.page.waitForSelector(`${row}[data-state=DISPATCHED]`);
      await snap(dept.page, '02-workbench-offer');
      await dept.page.click(`${row} [data-testid=claim]`);
      await dept.page.click(`${row} [data-testid=claim-confirm]`);
      await dept.page.waitForSelector(`[data-testid=notice] >> text=${text.claimed}`);
      await dept.page.click('[data-tab=handling]');
      await dept.page.waitForSelector(`${row}[data-state=CLAIMED]`);
      await dept.page.click(`${row} a`);
      await dept.page.click('button[data-action=FEEDBACK]');
      await dept.page.fill('textarea[name=note]', '已清理占道摊点，恢复通行');
      await dept.page.click('[data-testid=action-submit]');
      await dept.page.waitForSelector('[data-testid=case-detail][data-state=CHECKING]');

      // The grid worker checks on site (phone viewport), and the township closes.
      // The bell lists what happened to the report; opening it marks it read; an item opens the case.
      await worker.page.click('[data-testid=bell]');
      await worker.page.waitForSelector('[data-testid=bell-panel] li[data-kind=REPORT_MOVED]');
      await snap(worker.page, '02b-worker-bell');
      await worker.page.waitForSelector('[data-testid=bell][data-unread="0"]');
      await worker.page.click('[data-testid=bell-panel] li:first-child a');
      await worker.page.waitForSelector('[data-testid=case-detail][data-state=CHECKING]');
      // The report beside the department's feedback; a photo opens full screen.
      await worker.page.waitForSelector('[data-testid=compare-after] >> text=已清理占道摊点');
      await worker.page.click('[data-testid=compare-before] [data-testid=photo-thumb]');
      await worker.page.waitForSelector('[data-testid=photo-viewer][open] img');
      await snap(worker.page, '03a-worker-photo-viewer');
      await worker.page.keyboard.press('Escape');
      await worker.page.waitForSelector('[data-testid=photo-viewer]', { state: 'detached' });
      await snap(worker.page, '03b-worker-check-compare');
      await worker.page.click('button[data-action=CHECK_PASS]');
      await worker.page.fill('textarea[name=note]', '现场已整改');
      await worker.page.click('[data-testid=action-submit]');
      await worker.page.waitForSelector('[data-testid=case-detail][data-state=CHECKED]');
      await snap(worker.page, '03-worker-checked');
      await township.page.waitForSelector('button[data-action=CLOSE]');
      await township.page.click('button[data-action=CLOSE]');
      await township.page.click('[data-testid=action-submit]');
      await township.page.waitForSelector('[data-testid=case-detail][data-state=CLOSED]');
      expect(await township.page.textContent('[data-testid=action-done]')).toContain(text.closed);
      const history = await township.page
        .locator('[data-testid=history] li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-action')));
      expect(history).toEqual([
        'REPORT',
        'REGISTER',
        'ESCALATE',
        'REGISTER',
        'DISPATCH',
        'CLAIM',
        'FEEDBACK',
        'CHECK_PASS',
        'CLOSE',
      ]);
      await snap(township.page, '04-closed-history');

      // Another township: the case does not exist for it.
      const other = await signIn(browser, app.baseUrl, 'township2.dispatcher');
      await other.page.goto(`${app.baseUrl}/#/case/${c.id}`);
      await other.page.waitForSelector('[role=alert]');
      expect(await other.page.textContent('[role=alert]')).toContain(text.outside);
      await other.page.goto(`${app.baseUrl}/#/inbox`);
      await other.page.waitForSelector('[data-testid=inbox]');
      expect(await other.page.locator(`[data-case="${c.id}"]`).count()).toBe(0);
    });
  },
);
