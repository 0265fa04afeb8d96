import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, signIn, snap } from '../support/browser';
import { actOk, buildCase, loginAll, pointIn } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * 巡查走访, 我的考评 and 排名 in real Chromium: a grid worker on a phone records work (online,
 * with a lost answer, and offline) and watches the duties part of the score move; a county
 * centre reads its townships' live ranking; the city admin freezes November once it is over.
 */
const NAMES = ['gridworker', 'village.operator', 'county.dispatcher', 'admin'] as const;
type Users = Record<(typeof NAMES)[number], ApiClient>;
/** "Today" for the server and the browser: Wed 2026-11-18 10:00 in Shanghai. */
const TODAY = new Date('2026-11-18T10:00:00+08:00');
const GULOU = '371502001000'; // 古楼街道
const PHONE = { width: 390, height: 844 };
const CJK = /[\u4e00-\u9fff]/;
/** A Latin word in a Chinese screen would be an untranslated label. */
const LATIN_WORD = /[A-Za-z]{3,}/;

/** Whether the page is wider than the viewport (sideways scrolling on a phone). */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

const attr = (page: Page, selector: string, name: string) =>
  page.$eval(selector, (el, n) => el.getAttribute(n), name);

describe.runIf(hasBrowser())('patrols, scores and rankings (一月一排名) in real Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let u: Users;

  beforeAll(async () => {
    app = await startTestApp({ now: TODAY });
    browser = await launchBrowser();
    u = await loginAll(app, ...NAMES);
    // One November case in 古楼, registered on time: the township has something to be scored by.
    const c = await buildCase(app, u.gridworker);
    await actOk(u['village.operator'], c, 'REGISTER');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a grid worker records a patrol and a home visit on a phone and sees them in the list and the score', async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'gridworker', PHONE);
    await page.clock.setFixedTime(TODAY);
    const cell: string = u.gridworker.user.gridCodes[0];
    const here = await pointIn(app, cell);
    await context.grantPermissions(['geolocation'], { origin: app.baseUrl });
    await context.setGeolocation({ longitude: here.lon, latitude: here.lat });
    const records = () => app.ctx.db.read.workLog.findMany({ where: { userId: u.gridworker.user.id } });

    // 我的考评 before any record: nothing for duties yet.
    await page.click('nav a:text-is("我的考评")');
    await page.waitForSelector('[data-testid=score-card]');
    expect(await attr(page, '[data-testid=part-duties]', 'data-points')).toBe('0');
    expect(await attr(page, '[data-testid=count-workingDays]', 'data-value')).toBe('21');
    const before = Number(await attr(page, '[data-testid=score-card]', 'data-total'));
    expect(await overflows(page)).toBe(false);
    await snap(page, '40-worker-score-before');

    // 巡查走访: a note is required; then a patrol with the GPS position, and a home visit.
    await page.click('nav a:text-is("巡查走访")');
    await page.waitForSelector('text=该月暂无记录');
    await page.click('[data-testid=record-PATROL]');
    await page.waitForSelector('[data-testid=wl-invalid]');
    await page.fill('textarea[name=note]', '巡查主要道路，未见异常');
    await page.click('[data-testid=wl-locate]');
    await page.waitForSelector('[data-testid=wl-gps][data-state=on]');
    await page.click('[data-testid=record-PATROL]');
    await page.waitForSelector('[data-testid=wl-done]');
    await page.waitForSelector('[data-testid=wl-records] li[data-kind=PATROL]');
    expect(await page.inputValue('textarea[name=note]')).toBe('');
    await page.fill('textarea[name=note]', '走访独居老人王大爷，身体良好');
    await page.click('[data-testid=record-HOME_VISIT]');
    await page.waitForSelector('[data-testid=wl-records] li[data-kind=HOME_VISIT]');
    expect(await page.$$eval('[data-testid=wl-records] li', (lis) => lis.length)).toBe(2);
    expect(await page.textContent('[data-testid=wl-summary]')).toContain('巡查 1 天 · 入户走访 1 次');
    const saved = await records();
    expect(saved.map((r) => [r.kind, r.note, r.gridCode]).sort()).toEqual([
      ['HOME_VISIT', '走访独居老人王大爷，身体良好', cell],
      ['PATROL', '巡查主要道路，未见异常', cell],
    ]);
    const patrol = saved.find((r) => r.kind === 'PATROL')!;
    expect([patrol.lon, patrol.lat]).toEqual([Number(here.lon.toFixed(6)), Number(here.lat.toFixed(6))]);
    expect(await overflows(page)).toBe(false);
    const text = (await page.textContent('.wl')) ?? '';
    expect(text.replace(/[\d.,/:·\s→%-]/g, '').match(LATIN_WORD)).toBeNull();
    await snap(page, '41-worker-worklog');

    // The answer is lost on the way back (the server has recorded it): the record waits, and the
    // retry sends the same Idempotency-Key, so the server keeps one record.
    const keys: string[] = [];
    await page.route('**/api/work-logs', async (route) => {
      const req = route.request();
      if (req.method() !== 'POST') return route.fallback();
      keys.push(req.headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.fill('textarea[name=note]', '走访困难家庭，了解就业需求');
    await page.click('[data-testid=record-HOME_VISIT]');
    await page.waitForSelector('[data-testid=wl-queued]');
    await page.waitForSelector('[data-testid=wl-queue] li[data-status=pending]');
    expect(await records()).toHaveLength(3);
    await page.click('[data-testid=wl-queue] li button:text-is("重试")');
    await page.waitForSelector('[data-testid=wl-queue]', { state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=wl-records] li').length === 3);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await records()).toHaveLength(3);
    await page.unroute('**/api/work-logs');

    // Offline: kept on the phone, sent once when the connection returns.
    await context.setOffline(true);
    await page.fill('textarea[name=note]', '夜间巡查小区周边');
    await page.click('[data-testid=record-PATROL]');
    await page.waitForSelector('[data-testid=wl-queued]');
    await page.waitForSelector('[data-testid=wl-queue] li[data-status=pending]');
    expect(await overflows(page)).toBe(false);
    await snap(page, '42-worker-worklog-offline');
    expect(await records()).toHaveLength(3);
    await context.setOffline(false);
    await page.waitForSelector('[data-testid=wl-queue]', { state: 'detached', timeout: 45_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=wl-records] li').length === 4);
    expect(await records()).toHaveLength(4);

    // 我的考评 now: patrols on one of 21 working days (15 · 1/21 → 0.7), two home visits of 20
    // (15 · 2/20 → 1.5): duties 2.2, and the total up by as much.
    await page.click('nav a:text-is("我的考评")');
    await page.waitForSelector('[data-testid=part-duties][data-points="2.2"]');
    expect(await attr(page, '[data-testid=item-patrolDays]', 'data-points')).toBe('0.7');
    expect(await attr(page, '[data-testid=item-homeVisits]', 'data-points')).toBe('1.5');
    expect(await attr(page, '[data-testid=count-patrolDays]', 'data-value')).toBe('1');
    expect(await attr(page, '[data-testid=count-homeVisits]', 'data-value')).toBe('2');
    const api = (await u.gridworker.get('/api/scores/grid-workers?month=2026-11')).body.data[0];
    expect(Number(await attr(page, '[data-testid=score-card]', 'data-total'))).toBe(api.score);
    expect(api.score).toBeCloseTo(before + 2.2, 5);
    const card = (await page.textContent('[data-testid=score-card]')) ?? '';
    expect(card.match(LATIN_WORD)).toBeNull();
    expect(await overflows(page)).toBe(false);
    await snap(page, '43-worker-score-after');

    // A past month: October, nothing recorded.
    await page.selectOption('[data-testid=month-picker] select', '2026-10');
    await page.waitForSelector('[data-testid=part-duties][data-points="0"]');
    expect(await attr(page, '[data-testid=count-homeVisits]', 'data-value')).toBe('0');

    // English: every label translated.
    await page.selectOption('[data-testid=month-picker] select', '2026-11');
    await page.waitForSelector('[data-testid=part-duties][data-points="2.2"]');
    await page.click('button:text-is("English")');
    await page.waitForSelector('text=Cell results');
    expect(((await page.textContent('.my-score')) ?? '').match(CJK)).toBeNull();
    expect(await overflows(page)).toBe(false);
    await snap(page, '44-worker-score-english');
    await page.click('nav a:text-is("Patrols")');
    await page.waitForSelector('[data-testid=wl-records]');
    for (const part of ['.wl-form', '.eval-head', '[data-testid=wl-summary]'])
      expect(((await page.textContent(part)) ?? '').match(CJK), part).toBeNull();
    expect(await overflows(page)).toBe(false);
    await snap(page, '44b-worker-worklog-english');
    await context.close();
  });

  it("a county centre reads its townships' live ranking and its grid workers'", async () => {
    const { context, page } = await signIn(browser, app.baseUrl, 'county.dispatcher');
    await page.clock.setFixedTime(TODAY);
    await page.click('nav a:text-is("排名")');
    // Default: last month, townships of the county, a live preview (nothing is frozen).
    await page.waitForSelector('[data-testid=rk-table]');
    expect(await page.inputValue('[data-testid=month-picker] select')).toBe('2026-10');
    expect(await page.$$eval('.rk-tabs button', (bs) => bs.map((b) => b.textContent))).toEqual([
      '乡镇街道',
      '部门',
      '网格员',
    ]);
    expect(await page.textContent('.rk-tabs button[aria-selected=true]')).toBe('乡镇街道');
    expect(await attr(page, '[data-testid=rk-badge]', 'data-frozen')).toBe('false');
    expect(await page.textContent('[data-testid=rk-badge]')).toBe('实时预览');
    expect(await page.locator('[data-testid=freeze]').count()).toBe(0);

    // November: the table is the API's ranking, row by row.
    await page.selectOption('[data-testid=month-picker] select', '2026-11');
    const ranking = (await u['county.dispatcher'].get('/api/rankings?month=2026-11&kind=TOWNSHIP')).body.data;
    expect(ranking.frozen).toBe(false);
    expect(ranking.rows[0]).toMatchObject({ id: GULOU, rank: 1 });
    const want = ranking.rows.map((r: { id: string; rank: number | null; score: number | null }) => [
      r.id,
      String(r.rank ?? ''),
      String(r.score ?? ''),
    ]);
    const read = () =>
      page.$$eval('[data-testid=rk-table] tbody tr', (trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-id'),
          tr.getAttribute('data-rank'),
          tr.getAttribute('data-score'),
        ]),
      );
    await page.waitForFunction(
      (w) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid=rk-table] tbody tr')].map((tr) => [
            tr.getAttribute('data-id'),
            tr.getAttribute('data-rank'),
            tr.getAttribute('data-score'),
          ]),
        ) === w,
      JSON.stringify(want),
      { timeout: 20_000 },
    );
    expect(await read()).toEqual(want);
    expect(await page.textContent(`[data-testid=rk-table] tr[data-id="${GULOU}"] th`)).toBe('古楼街道');
    const screen = (await page.textContent('.rankings')) ?? '';
    expect(screen.match(LATIN_WORD)).toBeNull();
    await snap(page, '45-rankings-county-live');

    // Grid workers are ranked within a township: pick 古楼街道.
    await page.click('.rk-tabs button:text-is("网格员")');
    await page.waitForSelector('[data-testid=rk-pick]');
    await page.selectOption('[data-testid=rk-unit-select]', GULOU);
    await page.waitForSelector(`[data-testid=rk-table] tr[data-id="${u.gridworker.user.id}"]`);
    expect(await page.textContent('[data-testid=rk-scope] strong')).toBe('古楼街道');
    const workers = (
      await u['county.dispatcher'].get(`/api/rankings?month=2026-11&kind=GRID_WORKER&unit=${GULOU}`)
    ).body.data;
    const mine = workers.rows.find((r: { id: string }) => r.id === u.gridworker.user.id);
    expect(await attr(page, `tr[data-id="${u.gridworker.user.id}"]`, 'data-score')).toBe(String(mine.score));
    await snap(page, '46-rankings-grid-workers');

    // English: the labels (not the names of places and people) are translated.
    await page.click('button:text-is("English")');
    await page.waitForSelector('.rk-tabs button:text-is("Grid workers")');
    for (const part of ['.rk-tabs', '[data-testid=rk-table] thead', '[data-testid=rk-badge]', '.eval-head'])
      expect(((await page.textContent(part)) ?? '').match(CJK), part).toBeNull();
    await snap(page, '46b-rankings-english');
    await page.click('button:text-is("中文")');
    await page.waitForSelector('.rk-tabs button:text-is("网格员")');

    // A phone still shows the whole table (it scrolls sideways inside its box, not the page).
    await page.setViewportSize(PHONE);
    expect(await overflows(page)).toBe(false);
    await snap(page, '47-rankings-phone');
    await context.close();
  });

  it('the city admin freezes November once it is over, and the ranking reads as frozen', async () => {
    // Sun 11-30 23:00 on the server; the browser already thinks it is December.
    app.clock.set(new Date('2026-11-30T23:00:00+08:00'));
    const { context, page } = await signIn(browser, app.baseUrl, 'admin');
    await page.clock.setFixedTime(new Date('2026-12-01T01:00:00+08:00'));
    await page.click('nav a:text-is("排名")');
    await page.waitForSelector('[data-testid=rk-table]');
    expect(await page.inputValue('[data-testid=month-picker] select')).toBe('2026-11');
    expect(await page.textContent('.rk-tabs button[aria-selected=true]')).toBe('区县');
    expect(await attr(page, '[data-testid=rk-badge]', 'data-frozen')).toBe('false');

    // The server refuses: November is not over there yet (422, said in words).
    await page.click('[data-testid=freeze]');
    await page.click('[data-testid=freeze-confirm]');
    await page.waitForSelector('[data-testid=eval-error][data-status="422"]');
    expect(await page.textContent('[data-testid=eval-error]')).toContain(
      '该月尚未结束，月末之后才能冻结排名',
    );
    await snap(page, '48-rankings-freeze-refused');
    expect(await app.ctx.db.read.rankingSnapshot.count()).toBe(0);

    // Two hours later the month is over: freeze it.
    app.clock.set(new Date('2026-12-01T01:00:00+08:00'));
    await page.click('[data-testid=freeze-confirm]');
    await page.waitForSelector('[data-testid=freeze-done]', { timeout: 100_000 });
    expect(await page.textContent('[data-testid=freeze-done]')).toMatch(
      /2026年11月排名已冻结：新冻结 \d+ 项/,
    );
    await page.waitForSelector('[data-testid=rk-badge][data-frozen=true]');
    expect((await page.textContent('[data-testid=rk-badge]'))?.trim()).toBe('已冻结（2026/12/01 01:00）');
    expect(await page.locator('[data-testid=freeze]').count()).toBe(0);
    expect(await app.ctx.db.read.rankingSnapshot.count({ where: { month: '2026-11' } })).toBeGreaterThan(3);
    await snap(page, '49-rankings-frozen');

    // Townships of 东昌府区 read from the snapshot too.
    await page.click('.rk-tabs button:text-is("乡镇街道")');
    await page.waitForSelector('[data-testid=rk-pick]');
    await page.selectOption('[data-testid=rk-unit-select]', '371502000000');
    await page.waitForSelector(`[data-testid=rk-table] tr[data-id="${GULOU}"]`);
    expect(await attr(page, '[data-testid=rk-badge]', 'data-frozen')).toBe('true');
    await context.close();
  }, 150_000);
});
