import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, snap, waitForQuiet } from '../support/browser';
import { pointIn } from '../support/factories';
import { buildPerson, testIdNumber, testPhone } from '../support/register';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The register on the screens: a grid worker on a phone records a 关注对象's overdue home visit
 * offline, and it reaches the server once when the phone is back online; a reveal needs a purpose,
 * shows the full values only in its dialog, and the auditor finds it in the access log and in
 * the exported spreadsheet.
 */
const PHONE = { width: 390, height: 844 };
const DAY_MS = 86_400_000;
const T0 = new Date('2026-11-10T09:00:00+08:00');
const ELDER = '测试 王奶奶';

const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe.runIf(hasBrowser())('register: visit tasks, reveal and the access log in real Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let elderId: string;

  beforeAll(async () => {
    app = await startTestApp({ now: T0 });
    browser = await launchBrowser();
    const worker = await app.as('gridworker');
    // A clean plan: the demo register's tagged persons of the cell are visited today.
    const due = (await worker.get('/api/register/visits/due?within=0')).body.data as { personId: string }[];
    for (const d of due)
      await worker.post(
        '/api/work-logs',
        { kind: 'HOME_VISIT', note: '例行走访', personId: d.personId },
        { 'idempotency-key': randomUUID() },
      );
    elderId = (await buildPerson(worker, { n: 701, name: ELDER, tags: ['CONCERN_ELDERLY_ALONE'] })).id;
    // Eight days on, the weekly visit of the person living alone is overdue.
    app.clock.advance(8 * DAY_MS);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("a grid worker records a 关注对象's overdue visit on the phone offline; it is sent once, the task is gone, and the command centre's overdue-visits layer follows live", async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker', PHONE);
    // The city command centre watches the 逾期未走访 layer on the map.
    const command = await signIn(browser, app.baseUrl, 'command.city');
    const cell = (await app.as('gridworker')).user.gridCodes[0] as string;
    const overdueIn = (c: string) =>
      command.page.evaluate((code) => (window as any).__wanggeMap.registerCount(code) as number, c);
    await command.page.goto(`${app.baseUrl}/#/map`);
    await command.page.waitForFunction(() => ((window as any).__wanggeMap?.cellCount() ?? 0) > 10_000);
    const layer = command.page.locator('[data-testid=register-layer] select');
    await layer.waitFor();
    await layer.selectOption('VISIT:OVERDUE');
    await command.page.locator('[data-testid=register-legend]').waitFor();
    const at = await pointIn(app, cell);
    await command.page.evaluate(
      ([lat, lon]) => (window as any).__wanggeMap.setView(lat, lon, 14),
      [at.lat, at.lon],
    );
    await command.page.waitForFunction((c) => (window as any).__wanggeMap.registerCount(c) > 0, cell);
    const overdueBefore = await overdueIn(cell);
    const logs = () => app.ctx.db.read.workLog.findMany({ where: { personId: elderId, kind: 'HOME_VISIT' } });
    try {
      // On the home screen: the banner and the count in the navigation, then the task.
      await page.waitForSelector('[data-testid=visit-banner]');
      expect(await page.textContent('[data-testid=visit-banner]')).toContain('1 项待走访，其中 1 项已逾期');
      await page.waitForSelector('[data-testid=nav-visit-count]');
      await waitForQuiet(page);
      await checkScreen(page, 'register-home-banner-phone');
      await page.click('[data-testid=visit-banner]');
      const task = `[data-testid=visit-list] li[data-person="${elderId}"]`;
      await page.waitForSelector(`${task}[data-status=OVERDUE]`);
      expect(await page.textContent(task)).toContain('独居老人');
      expect(await overflows(page)).toBe(false);
      await waitForQuiet(page);
      await checkScreen(page, 'register-visits-due-phone');

      // Offline: a note is required; then the visit waits on the phone and the task leaves the list.
      await context.setOffline(true);
      // Between screens offline, the tasks stay (the last plan is kept in memory).
      await page.click('nav a[href="#/report"]');
      await page.waitForSelector('.report h1');
      await page.click('nav a[href="#/visits"]');
      await page.waitForSelector(`${task}[data-status=OVERDUE]`);
      await page.click(`${task} [data-testid=visit-open]`);
      await page.click(`${task} [data-testid=visit-submit]`);
      await page.waitForSelector(`${task} [role=alert]`);
      await page.fill(`${task} textarea[name=visitNote]`, '老人身体良好，家中用电安全');
      await page.click(`${task} [data-testid=visit-submit]`);
      await page.waitForSelector('[data-testid=visit-queued]');
      await page.waitForSelector(task, { state: 'detached' });
      await page.waitForSelector('[data-testid=visit-outbox] li');
      expect(await logs()).toHaveLength(0);
      expect(await overflows(page)).toBe(false);
      await snap(page, 'register-visits-offline-phone');

      // Back online: sent once with its key, the outbox empties, the plan no longer lists her.
      await context.setOffline(false);
      await page.waitForSelector('[data-testid=visit-outbox]', { state: 'detached', timeout: 45_000 });
      const sent = await logs();
      expect(sent).toHaveLength(1);
      // The command centre's layer drops by her, live (register:counts), without a reload.
      await command.page.waitForFunction(([c, n]) => (window as any).__wanggeMap.registerCount(c) === n, [
        cell,
        overdueBefore - 1,
      ] as const);
      await snap(command.page, 'register-visits-overdue-layer-command');
      expect(sent[0]).toMatchObject({ note: '老人身体良好，家中用电安全', kind: 'HOME_VISIT' });
      const worker = await app.as('gridworker');
      const due = (await worker.get('/api/register/visits/due?within=0')).body.data as { personId: string }[];
      expect(due.map((d) => d.personId)).not.toContain(elderId);
      await page.reload();
      await page.waitForSelector('[data-testid=visit-list]', { state: 'attached' });
      await waitForQuiet(page);
      expect(await page.$(task)).toBeNull();
      // A reconnect or a later flush never sends it again.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await waitForQuiet(page);
      expect(await logs()).toHaveLength(1);

      // The cell page lists the visit.
      await page.evaluate((c) => {
        location.hash = `#/cell/${c}`;
      }, cell);
      await page.waitForSelector(`[data-testid=cell-visits] a[href="#/person/${elderId}"]`);
      await waitForQuiet(page);
      await checkScreen(page, 'register-cell-phone');
    } finally {
      await context.close();
      await command.context.close();
    }
  });

  it('a reveal needs a purpose, shows the full values only in its dialog; the auditor reads and exports it', async () => {
    const worker = await signIn(browser, app.baseUrl, 'gridworker', { width: 1280, height: 800 });
    try {
      const { page } = worker;
      await page.evaluate((id) => {
        location.hash = `#/person/${id}`;
      }, elderId);
      await page.waitForSelector('[data-testid=person-record]');
      const masked = await page.textContent('[data-testid=id-masked]');
      expect(masked).toBe(`${testIdNumber(701).slice(0, 6)}********${testIdNumber(701).slice(-4)}`);
      await waitForQuiet(page);
      await checkScreen(page, 'register-person-desk');

      await page.click('[data-testid=reveal-open]');
      await page.click('[data-testid=reveal-submit]');
      await page.waitForSelector('[data-testid=need-purpose]');
      await page.fill('[data-testid=reveal-dialog] textarea[name=purpose]', '入户核对独居老人联系方式');
      await page.click('[data-testid=reveal-submit]');
      await page.waitForSelector('[data-testid=revealed]');
      const shown = (await page.textContent('[data-testid=revealed]')) ?? '';
      expect(shown).toContain(testIdNumber(701));
      expect(shown).toContain(testPhone(701));
      await checkScreen(page, 'register-reveal-desk');
      await page.click('[data-testid=reveal-close]');
      await page.waitForSelector('[data-testid=reveal-dialog]', { state: 'detached' });
      // Gone with the dialog: not in the page, not in any storage.
      expect(await page.content()).not.toContain(testIdNumber(701));
      const stored = await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      );
      expect(stored).not.toContain(testIdNumber(701));
    } finally {
      await worker.context.close();
    }

    const auditor = await signIn(browser, app.baseUrl, 'auditor', { width: 1280, height: 800 });
    try {
      const { page } = auditor;
      await page.waitForSelector('[data-testid=access-list]');
      const line = `[data-testid=access-list] tr[data-person="${elderId}"][data-action=REVEAL]`;
      await page.waitForSelector(line);
      expect(await page.textContent(line)).toContain('入户核对独居老人联系方式');
      await waitForQuiet(page);
      await checkScreen(page, 'register-access-log-desk');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=access-export]'),
      ]);
      expect(download.suggestedFilename()).toMatch(/^access-log-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile((await download.path())!);
      const rows: string[][] = [];
      book.worksheets[0]!.eachRow((r) =>
        rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
      );
      expect(
        rows.some((r) => r[4] === elderId && r[3] === 'REVEAL' && r[6] === '入户核对独居老人联系方式'),
      ).toBe(true);
      // The export is a line of the log itself, on the screen after the download.
      await page.waitForSelector('[data-testid=access-list] tr[data-action=EXPORT]');
      expect(
        await app.ctx.db.read.registerAccess.count({ where: { action: 'EXPORT', username: 'auditor' } }),
      ).toBe(1);
    } finally {
      await auditor.context.close();
    }
  });
  it('the register on a desk: search by full ID, a create form that checks the ID on the device, a stale edit, archival', async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker', { width: 1280, height: 800 });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/register/persons')) posts.push(r.url());
    });
    try {
      await page.click('nav a[href="#/register"]');
      await page.waitForSelector('[data-testid=person-list]');
      await page.fill('input[name=q]', testIdNumber(701));
      await page.click('.reg-filters button[type=submit]');
      await page.waitForFunction((id) => {
        const rows = document.querySelectorAll('[data-testid=person-list] tbody tr');
        return rows.length === 1 && rows[0]?.getAttribute('data-id') === id;
      }, elderId);
      // Masked in the list (the full number is only in the search box, where it was typed).
      expect(await page.textContent('[data-testid=person-list]')).not.toContain(
        testIdNumber(701).slice(6, 14),
      );

      // The form checks the ID number on the device (no request), then shows the server's refusal.
      await page.click('[data-testid=person-new]');
      await page.waitForSelector('[data-testid=person-form]');
      await page.fill('input[name=name]', '测试 新居民');
      const wrong = `${testIdNumber(702).slice(0, 17)}${testIdNumber(702).endsWith('0') ? '1' : '0'}`;
      await page.fill('input[name=idNumber]', wrong);
      await page.fill('input[name=phone]', '123');
      await page.click('[data-testid=person-save]');
      await page.waitForSelector('[data-testid=problem-idNumber]');
      expect(await page.textContent('[data-testid=problem-idNumber]')).toContain('校验码');
      expect(await page.textContent('[data-testid=problem-phone]')).toContain('11 位');
      expect(posts).toHaveLength(0);
      await checkScreen(page, 'register-create-invalid-desk');
      await page.fill('input[name=idNumber]', testIdNumber(701)); // already recorded
      await page.fill('input[name=phone]', testPhone(702));
      await page.click('[data-testid=person-save]');
      await page.waitForSelector('[data-testid=error][data-code=PERSON_EXISTS]');
      expect(posts).toHaveLength(1);
      await page.fill('input[name=idNumber]', testIdNumber(702));
      await page.check('input[name=tags][value=AID_SUBSISTENCE]');
      await page.click('[data-testid=person-save]');
      await page.waitForSelector('[data-testid=person-record]');
      const id = page.url().split('/').pop()!;
      expect(await page.textContent('[data-testid=id-masked]')).toBe(
        `${testIdNumber(702).slice(0, 6)}********${testIdNumber(702).slice(-4)}`,
      );

      // Someone else changes the record meanwhile: the save is refused and the page offers a reload.
      await page.click('[data-testid=person-edit]');
      const other = await app.as('village.operator');
      expect(
        (
          await other.send('PATCH', `/api/register/persons/${id}`, {
            body: JSON.stringify({ version: 1, residence: 'FLOATING' }),
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(200);
      await page.fill('input[name=name]', '测试 新居民甲');
      await page.click('[data-testid=person-save]');
      await page.waitForSelector('[data-testid=person-stale]');
      await page.waitForSelector('[data-testid=error][data-code=RECORD_CHANGED]');
      await page.click('[data-testid=person-stale] button');
      await page.waitForSelector('[data-testid=person-stale]', { state: 'detached' });
      await page.click('[data-testid=person-edit]');
      await page.waitForSelector('[data-testid=person-form] select[name=residence] >> nth=0');
      expect(await page.inputValue('select[name=residence]')).toBe('FLOATING'); // the other's change
      await page.fill('input[name=name]', '测试 新居民甲');
      await page.click('[data-testid=person-save]');
      await page.waitForSelector('h1:has-text("测试 新居民甲")');
      expect((await app.ctx.db.read.person.findUnique({ where: { id } }))?.residence).toBe('FLOATING');

      // Archival needs a reason.
      await page.click('.reg-actions button:text-is("注销登记")');
      await page.fill('input[name=reason]', '登记错误，已迁出');
      await page.click('button:text-is("确认注销")');
      await page.waitForSelector('h1 .badge');
      expect((await app.ctx.db.read.person.findUnique({ where: { id } }))?.archiveReason).toBe(
        '登记错误，已迁出',
      );
      await checkScreen(page, 'register-person-archived-desk');
    } finally {
      await context.close();
    }
  });
});
