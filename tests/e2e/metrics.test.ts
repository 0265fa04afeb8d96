import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { hasBrowser, launchBrowser, signIn, snap } from '../support/browser';
import { actOk, buildCase, loginAll, uploadPhoto } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const NAMES = [
  'gridworker',
  'gridworker2',
  'village.operator',
  'village2.operator',
  'township.dispatcher',
  'township2.dispatcher',
  'county.dispatcher',
  'dept.chengguan',
  'hotline',
] as const;
type Users = Record<(typeof NAMES)[number], ApiClient>;
const CG = '371502-CHENGGUAN';
const COUNTY = '371502000000'; // 东昌府区
const GULOU = '371502001000'; // 古楼街道
/** "Today" for the server and the browser: Wed 2026-11-18 10:00 in Shanghai. */
const TODAY = new Date('2026-11-18T10:00:00+08:00');

/** A row of the rates table as the page shows it: name, numerator, denominator, rate. */
type Row = [string, string, string, string];

/** What the page must show for an API answer (rate to one decimal, '—' without a denominator). */
function rowsOf(rates: { name: string; numerator: number; denominator: number; rate: number | null }[]) {
  return rates.map(
    (r): Row => [
      r.name,
      String(r.numerator),
      String(r.denominator),
      r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`,
    ],
  );
}

/** Waits until the rates table shows `expected`; on timeout fails with the table it shows. */
async function expectTable(page: Page, expected: Row[]) {
  const read = () =>
    page.$$eval('table.metrics-table tbody tr', (trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent,
        ...[...tr.querySelectorAll('td')].map((td) => td.textContent),
      ]),
    );
  try {
    await page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('table.metrics-table tbody tr')].map((tr) => [
            tr.querySelector('th')?.textContent,
            ...[...tr.querySelectorAll('td')].map((td) => td.textContent),
          ]),
        ) === want,
      JSON.stringify(expected),
      { timeout: 15_000 },
    );
  } catch {
    expect(await read()).toEqual(expected);
  }
}

describe.runIf(hasBrowser())('the evaluation page (综合评价) in real Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let u: Users;
  const codes: Record<string, string> = {};
  const relogin = async () => {
    u = await loginAll(app, ...NAMES);
  };
  /** 古楼 (or 柳园 with `second`): report → station registers → escalates → centre registers. */
  const toTownship = async (second = false, reporter?: ApiClient) => {
    const worker = second ? u.gridworker2 : u.gridworker;
    const village = second ? u['village2.operator'] : u['village.operator'];
    const township = second ? u['township2.dispatcher'] : u['township.dispatcher'];
    let c = await buildCase(app, reporter ?? worker, { gridCode: worker.user.gridCodes[0] });
    c = await actOk(village, c, 'REGISTER');
    c = await actOk(village, c, 'ESCALATE', { reason: '需要街道协调' });
    return actOk(township, c, 'REGISTER');
  };
  const claimed = async (second = false, reporter?: ApiClient) => {
    const township = second ? u['township2.dispatcher'] : u['township.dispatcher'];
    let c = await toTownship(second, reporter);
    c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: CG });
    return actOk(u['dept.chengguan'], c, 'CLAIM');
  };
  const closed = async (second = false, reporter?: ApiClient) => {
    let c = await claimed(second, reporter);
    c = await actOk(u['dept.chengguan'], c, 'FEEDBACK', { note: '已处置' });
    c = await actOk(second ? u.gridworker2 : u.gridworker, c, 'CHECK_PASS');
    return actOk(second ? u['township2.dispatcher'] : u['township.dispatcher'], c, 'CLOSE');
  };

  beforeAll(async () => {
    // October: Thu 10-15 10:00. O1 (古楼) closed; O2 (柳园) dispatched only.
    app = await startTestApp({ now: new Date('2026-10-15T10:00:00+08:00') });
    browser = await launchBrowser();
    await relogin();
    codes.O1 = (await closed()).code;
    const o2 = await toTownship(true);
    codes.O2 = (await actOk(u['township2.dispatcher'], o2, 'DISPATCH', { leadDepartmentId: CG })).code;

    // Mon 11-02 10:00, all in 古楼: A closed; SR self-resolved; H1, H2 hotline cases closed and
    // called back (satisfied / dissatisfied); R left to go red, registered late.
    app.clock.set(new Date('2026-11-02T10:00:00+08:00'));
    await relogin();
    codes.A = (await closed()).code;
    const photo = await uploadPhoto(u.gridworker);
    let sr = await buildCase(app, u.gridworker);
    sr = await actOk(u.gridworker, sr, 'SELF_RESOLVE', { note: '已现场劝离', attachmentIds: [photo] });
    codes.SR = (await actOk(u['village.operator'], sr, 'APPROVE_SELF_RESOLUTION')).code;
    codes.H1 = (await actOk(u.hotline, await closed(false, u.hotline), 'CALLBACK_SATISFIED')).code;
    const h2 = await closed(false, u.hotline);
    codes.H2 = (await actOk(u.hotline, h2, 'CALLBACK_DISSATISFIED', { reason: '晚上又回来了' })).code;
    const r = await buildCase(app, u.gridworker);
    codes.R = r.code;
    app.clock.advance(31 * 60_000); // registering is due within 30 minutes
    // R goes red and up to the township; O2's claim (due Fri 10-16) is red too, no escalation.
    expect(await sweepTimers(app.ctx)).toEqual({ yellow: 0, red: 2, escalated: 1 });
    const late = await u['township.dispatcher'].get(`/api/cases/${r.id}`);
    await actOk(u['township.dispatcher'], late.body.data, 'REGISTER');

    // Tue 11-03 10:00: B (古楼) claimed and not fed back; C (柳园) closed.
    app.clock.set(new Date('2026-11-03T10:00:00+08:00'));
    await relogin();
    codes.B = (await claimed()).code;
    codes.C = (await closed(true)).code;

    app.clock.set(TODAY);
    await relogin();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The county centre's API answer for a unit and period (what the page must agree with). */
  const api = async (unit: string, from: string, to: string) => {
    const res = await u['county.dispatcher'].get(`/api/metrics?unit=${unit}&from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as {
      scope: { name: string };
      rates: { key: string; name: string; numerator: number; denominator: number; rate: number | null }[];
      hotline: { key: string; name: string; numerator: number; denominator: number; rate: number | null }[];
      duplicates: { month: string; reported: number; merged: number; share: number | null }[];
    };
  };
  const parts = (d: Awaited<ReturnType<typeof api>>) =>
    Object.fromEntries(d.rates.map((r) => [r.key, `${r.numerator}/${r.denominator}`]));

  it('shows the rates the API computes, drills into a number, switches unit and period, and exports CSV', async () => {
    const { page } = await signIn(browser, app.baseUrl, 'county.dispatcher');
    // The page's 本月/上月 come from the browser's clock: pin it to the server's "today".
    await page.clock.setFixedTime(TODAY);
    await page.click('nav a:text-is("综合评价")');
    await page.waitForSelector('table.metrics-table');

    // 东昌府区, this month (11-01 – 11-18). Counted by hand: registered A, SR, H1, H2, R, B, C
    // = 7; closed A, SR, H1, H2, C = 5; dispatched A, H1, H2, B, C = 5, fed back all but B = 4;
    // R went red before registration (6 of 7 on time); one dissatisfied callback (rework 1,
    // satisfaction 1 of 2); checks A, H1, H2, C = 4, all on time.
    const county = await api(COUNTY, '2026-11-01', '2026-11-18');
    expect(county.scope.name).toBe('东昌府区');
    expect(parts(county)).toEqual({
      handle: '4/5',
      handleOnTime: '4/5',
      close: '5/7',
      closeOnTime: '5/7',
      rework: '1/7',
      return: '0/5',
      extension: '0/5',
      registerOnTime: '6/7',
      checkOnTime: '4/4',
      satisfaction: '1/2',
      dispatchAccuracy: '5/5',
    });
    await expectTable(page, rowsOf([...county.rates, ...county.hotline]));
    expect(await page.textContent('.metrics-scope strong')).toBe('东昌府区');
    // The duplicate share (并案) of the month, as the API gives it.
    const month = county.duplicates[0]!;
    const share = await page.$$eval('[data-testid=duplicate-share] tbody td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(share.slice(0, 2)).toEqual([String(month.merged), String(month.reported)]);
    await snap(page, '30-metrics-county-this-month');

    // Drill into 结案率's numerator: the five closed cases, as the API lists them.
    const drill = await u['county.dispatcher'].get(
      `/api/metrics/cases?unit=${COUNTY}&from=2026-11-01&to=2026-11-18&metric=close&part=numerator`,
    );
    const closedCodes = drill.body.data.map((c: { code: string }) => c.code);
    expect([...closedCodes].sort()).toEqual([codes.A, codes.SR, codes.H1, codes.H2, codes.C].sort());
    await page.click('table.metrics-table tr:has(th:text-is("结案率")) td >> nth=0 >> button');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.metrics-drill li').length === n,
      closedCodes.length,
    );
    expect(await page.textContent('.metrics-drill h2')).toBe('相关案件：结案率 · 分子');
    const listed = await page.$$eval('.metrics-drill li a', (as) =>
      as.map((a) => [a.textContent, a.getAttribute('href')]),
    );
    expect(listed).toEqual(
      drill.body.data.map((c: { id: string; code: string }) => [c.code, `#/case/${c.id}`]),
    );
    // States are named, not coded (H2 is back with the department after the dissatisfied callback).
    const badges = await page.$$eval('.metrics-drill li .badge', (bs) => bs.map((b) => b.textContent));
    expect(
      badges.every((b) => b && !/^[A-Z_]+$/.test(b)),
      badges.join(','),
    ).toBe(true);
    await snap(page, '31-metrics-drill-closed');

    // Down to 古楼街道 (the drill-down follows): C, in 柳园, drops out.
    const gulou = await api(GULOU, '2026-11-01', '2026-11-18');
    expect(parts(gulou)).toMatchObject({
      handle: '3/4',
      close: '4/6',
      registerOnTime: '5/6',
      satisfaction: '1/2',
    });
    await page.selectOption('select[aria-label=下级单位]', GULOU);
    await page.waitForFunction(
      () => document.querySelector('.metrics-scope strong')?.textContent === '古楼街道',
    );
    await expectTable(page, rowsOf([...gulou.rates, ...gulou.hotline]));
    await page.waitForFunction(() => document.querySelectorAll('.metrics-drill li').length === 4);
    expect(await page.$$eval('.metrics-drill li a', (as) => as.map((a) => a.textContent))).not.toContain(
      codes.C,
    );
    await snap(page, '32-metrics-township');

    // Back up to the county through the breadcrumb, then last month: O1 closed, O2 dispatched.
    await page.click('.metrics-drill button:text-is("关闭")');
    await page.click('.metrics-scope button:text-is("东昌府区")');
    await page.waitForFunction(
      () => document.querySelector('.metrics-scope strong')?.textContent === '东昌府区',
    );
    await page.click('.metrics-period label:has-text("上月") input');
    const october = await api(COUNTY, '2026-10-01', '2026-10-31');
    expect(parts(october)).toMatchObject({ handle: '1/2', close: '1/2', satisfaction: '0/0' });
    await expectTable(page, rowsOf([...october.rates, ...october.hotline]));
    await snap(page, '33-metrics-last-month');

    // A custom range, Tue 11-03 – Wed 11-18: B and C only.
    await page.click('.metrics-period label:has-text("自定义") input');
    await page.fill('.metrics-period input[type=date] >> nth=1', '2026-11-18');
    await page.fill('.metrics-period input[type=date] >> nth=0', '2026-11-03');
    const custom = await api(COUNTY, '2026-11-03', '2026-11-18');
    expect(parts(custom)).toMatchObject({ handle: '1/2', close: '1/2', registerOnTime: '2/2' });
    await expectTable(page, rowsOf([...custom.rates, ...custom.hotline]));
    expect(await page.locator('.metrics .error').count()).toBe(0);
    await snap(page, '34-metrics-custom-period');

    // The CSV of what is on screen: BOM, CRLF, Chinese title and headers, the same figures.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:text-is("下载 CSV")'),
    ]);
    expect(csv.suggestedFilename()).toBe('综合评价-东昌府区-2026-11-03-2026-11-18.csv');
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '综合评价 东昌府区',
      '2026-11-03 至 2026-11-18',
      '指标,分子,分母,比率(%)',
    ]);
    expect(lines.slice(3)).toEqual([
      // The indicators, then the three 12345 rates.
      ...[...custom.rates, ...custom.hotline].map(
        (r) =>
          `${r.name},${r.numerator},${r.denominator},${r.rate === null ? '' : Math.round(r.rate * 10000) / 100}`,
      ),
      // Then the duplicate share of each month (并案).
      ...custom.duplicates.map(
        (d) =>
          `重复件占比 ${d.month},${d.merged},${d.reported},${d.share === null ? '' : Math.round(d.share * 10000) / 100}`,
      ),
      '',
    ]);
    expect(lines[3]).toBe('处置率,1,2,50');
    // The Excel download is an .xlsx workbook with the same figures.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:text-is("下载 Excel")'),
    ]);
    expect(xlsx.suggestedFilename()).toBe('综合评价-东昌府区-2026-11-03-2026-11-18.xlsx');
    const book = new ExcelJS.Workbook();
    const file = readFileSync((await xlsx.path())!);
    await book.xlsx.load(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    );
    const sheet = book.getWorksheet('综合评价')!;
    expect(sheet.getCell('A1').value).toBe('综合评价 东昌府区');
    expect(sheet.getCell('A2').value).toBe('2026-11-03 至 2026-11-18');
    expect(sheet.getRow(5).values).toEqual([undefined, '处置率', 1, 2, 0.5]);

    // A range typed backwards is named in Chinese; no stale table, nothing to download.
    await page.fill('.metrics-period input[type=date] >> nth=0', '2026-12-01');
    await page.waitForSelector('.metrics .error:text-is("起始日期不能晚于截止日期")');
    expect(await page.locator('table.metrics-table').count()).toBe(0);
    expect(await page.locator('button:text-is("下载 CSV")').isDisabled()).toBe(true);
    await snap(page, '35-metrics-bad-range');
    await page.fill('.metrics-period input[type=date] >> nth=0', '2026-11-03');
    await expectTable(page, rowsOf([...custom.rates, ...custom.hotline]));

    // In English the indicators are named in English too (the API names them in Chinese).
    await page.click('button:text-is("English")');
    await page.waitForSelector('table.metrics-table th:text-is("Indicator")');
    const names = await page.$$eval('table.metrics-table tbody th', (ths) => ths.map((th) => th.textContent));
    expect(names).toEqual([
      'Handled',
      'Handled on time',
      'Closed',
      'Closed on time',
      'Rework',
      'Returned',
      'Extended',
      'Registered on time',
      'Checked on time',
      'Satisfaction',
      'Dispatched accurately',
      '12345 response',
      '12345 resolution',
      '12345 satisfaction',
    ]);
    await snap(page, '36-metrics-english');
  });
});
