import { describe, expect, it } from 'vitest';
import { hasBrowser, signIn, waitForQuiet } from '../support/browser';
import { useBrowserApp } from '../support/browser-app';
import { actOk, loginAll } from '../support/factories';
import { checkScreen } from '../support/screen-check';

const CG = '371502-CHENGGUAN';

describe.runIf(hasBrowser())('the 12345 desk in real Chromium', () => {
  const env = useBrowserApp();

  it('takes a call with its caller, placed by a place name; closed by the desks; called back dissatisfied and back at the level that closed it', async () => {
    const u = await loginAll(
      env.app,
      'gridworker',
      'village.operator',
      'township.dispatcher',
      'dept.chengguan',
      'hotline',
    );
    const cell: string = u.gridworker.user.gridCodes[0];
    const grid = await env.app.ctx.db.read.grid.findUniqueOrThrow({ where: { code: cell } });
    const { context, page } = await signIn(env.browser, env.app.baseUrl, 'hotline');
    try {
      // 1. The call: request type, caller, category, what the caller says, the place by its name.
      await page.goto(`${env.app.baseUrl}/#/report`);
      await page.waitForSelector('[data-testid=caller-fields]');
      await page.check('input[name=requestType][value=投诉]');
      await page.fill('input[name=callerName]', '王女士');
      await page.fill('input[name=callerPhone]', '138 1234 5678');
      await page.fill('[data-testid=category-search]', '占道');
      await page.click('[data-testid=category-option][data-code="0201"]');
      await page.fill('textarea[name=description]', '市民来电：菜市场门口摊贩占道经营');
      // The caller names the place: the grid worker's cell, found by its name and chosen with
      // the keyboard; the case must land in it (checked after sending).
      await page.fill('[data-testid=place-search]', grid.name);
      await page.waitForSelector('.place-search [role=option]');
      expect(await page.locator('.place-search [role=option]').first().textContent()).toContain(grid.name);
      await page.press('[data-testid=place-search]', 'Enter');
      await page.waitForSelector(`[data-testid=resolved-grid][data-code="${cell}"]`);
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-01-call');
      await page.click('[data-testid=submit-report]');
      await page.waitForSelector('[data-testid=report-done]');
      const code = (await page.textContent('[data-testid=report-done] strong'))!.trim();
      const row = await env.app.ctx.db.read.case.findUniqueOrThrow({ where: { code } });
      expect(row).toMatchObject({ source: 'HOTLINE', gridCode: cell });
      const call = await env.app.ctx.db.read.hotlineCall.findUniqueOrThrow({ where: { caseId: row.id } });
      expect(call).toMatchObject({ requestType: '投诉', callerName: '王女士' });
      expect(call.callerPhone).not.toContain('5678');

      // 2. The desks handle and close it (through the API, as the other env.browser tests do).
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
        await env.app.ctx.db.read.registerAccess.count({
          where: { caseId: row.id, action: 'REVEAL_CALLER' },
        }),
      ).toBe(1);
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-05-case');

      // 6. English, and on a phone.
      await page.evaluate(() => localStorage.setItem('wangge.locale', 'en'));
      await page.goto(`${env.app.baseUrl}/#/callbacks`);
      await page.reload();
      await page.click('[data-testid=callbacks-done]');
      await page.waitForSelector(`[data-testid=callback-row][data-code="${code}"]`);
      expect(await page.textContent('main h1')).toBe('Callbacks');
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-06-done-en');
      await page.goto(`${env.app.baseUrl}/#/report`);
      await page.waitForSelector('[data-testid=caller-fields]');
      await page.setViewportSize({ width: 390, height: 844 });
      await waitForQuiet(page);
      await checkScreen(page, 'hotline-desk-07-call-phone-en');
    } finally {
      await context.close();
    }
  }, 180_000);
});
