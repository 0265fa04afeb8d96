import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../api/src/services/cases/get-case';
import { reportCase } from '../../api/src/services/cases/report-case';
import { channelUser } from '../../api/src/services/channels/channel-user';
import { hasBrowser, launchBrowser, makePhoto, signIn } from '../support/browser';
import { actOk, pointIn } from '../support/factories';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

/** Fills the report form: category, description, the typed point (what a phone or a desk does). */
async function fillReport(page: Page, description: string, point: { lon: number; lat: number }) {
  await page.waitForSelector('[data-testid=category-search]');
  await page.fill('[data-testid=category-search]', '占道');
  await page.click('[data-testid=category-option][data-code="0201"]');
  await page.fill('textarea[name=description]', description);
  await page.fill('input[name=lon]', String(point.lon));
  await page.fill('input[name=lat]', String(point.lat));
  await page.click('[data-testid=set-point]');
}

describe.runIf(hasBrowser())('并案 in real Chromium', () => {
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

  it('three reports of one incident from three channels end as one master case whose progress all three reporters see', async () => {
    const worker = await signIn(browser, app.baseUrl, 'gridworker', { width: 390, height: 844 });
    const hotline = await signIn(browser, app.baseUrl, 'hotline');
    const desk = await signIn(browser, app.baseUrl, 'village.operator');
    const cell: string = (await app.as('gridworker')).user.gridCodes[0];
    const point = await pointIn(app, cell);

    // 1. The grid worker reports on the phone, with a photo: the master.
    await worker.page.goto(`${app.baseUrl}/#/report`);
    await fillReport(worker.page, '早市摊贩占道经营，堵住人行道', point);
    await worker.page.setInputFiles('[data-testid=photos]', await makePhoto(worker.page, 'stall'));
    await worker.page.click('[data-testid=submit-report]');
    const masterCode = (await worker.page.textContent('[data-testid=report-done] strong'))!.trim();
    const master = await app.ctx.db.read.case.findUniqueOrThrow({ where: { code: masterCode } });

    // 2. A caller rings 12345: the hotline form suggests the open case nearby; the operator files
    //    the call as its own report all the same (source HOTLINE).
    await hotline.page.goto(`${app.baseUrl}/#/report`);
    await fillReport(hotline.page, '市民来电：菜市场门口摊贩占道', point);
    await hotline.page.check('input[name=requestType][value=投诉]'); // the 12345 desk's request type
    await hotline.page.waitForSelector(`[data-testid=duplicate-hints] >> text=${masterCode}`);
    await checkScreen(hotline.page, 'merge-01-hotline-hints');
    await hotline.page.click('[data-testid=submit-report]');
    const hotlineCode = (await hotline.page.textContent('[data-testid=report-done] strong'))!.trim();
    const fromHotline = await app.ctx.db.read.case.findUniqueOrThrow({ where: { code: hotlineCode } });
    expect(fromHotline.source).toBe('HOTLINE');

    // 3. A citizen's report through a channel account, with its tracking code (CaseRef CITIZEN).
    const citizens = await channelUser(app.ctx, 'citizen-test', '市民随手拍');
    const fromCitizen = await reportCase(
      app.ctx,
      citizens,
      { categoryCode: '0201', description: '随手拍：路口摊贩占道经营', location: point },
      'CT-0001',
      { source: 'CITIZEN', refs: [{ channel: 'CITIZEN', externalId: 'CT-0001' }] },
    );
    if (!fromCitizen.created) throw new Error('the citizen report was not created');

    // 4. The village desk opens the hotline's case, sees the suggestions, merges it into the master.
    await desk.page.goto(`${app.baseUrl}/#/case/${fromHotline.id}`);
    await desk.page.waitForSelector(`[data-testid=merge-suggestions] >> text=${masterCode}`);
    await checkScreen(desk.page, 'merge-02-desk-suggestions');
    await desk.page.click(
      `[data-testid=merge-suggestions] li:has-text("${masterCode}") [data-testid=merge-into]`,
    );
    await desk.page.click('[data-testid=confirm-merge]');
    await desk.page.waitForSelector('[data-testid=case-detail][data-state=MERGED]');
    await desk.page.waitForSelector(`[data-testid=merged-into] >> text=${masterCode}`);
    await checkScreen(desk.page, 'merge-03-desk-merged');
    // …and the citizen's case the same way.
    await desk.page.goto(`${app.baseUrl}/#/case/${fromCitizen.case.id}`);
    await desk.page.click(
      `[data-testid=merge-suggestions] li:has-text("${masterCode}") [data-testid=merge-into]`,
    );
    await desk.page.click('[data-testid=confirm-merge]');
    await desk.page.waitForSelector('[data-testid=case-detail][data-state=MERGED]');
    const ref = await app.ctx.db.read.caseRef.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'CITIZEN', externalId: 'CT-0001' } },
    });
    expect(ref.caseId).toBe(master.id);

    // 5. The master lists both duplicates; the grid worker's 我的上报 is open on the phone.
    await desk.page.goto(`${app.baseUrl}/#/case/${master.id}`);
    await desk.page.waitForSelector('[data-testid=merged-duplicates] li >> nth=1');
    await worker.page.goto(`${app.baseUrl}/#/cases`);
    await worker.page.waitForSelector(
      `[data-testid=reported] [data-code="${masterCode}"][data-state=REPORTED]`,
    );
    // The hotline operator follows the master from the merged case's link.
    await hotline.page.goto(`${app.baseUrl}/#/case/${fromHotline.id}`);
    await hotline.page.click('[data-testid=merged-into] a');
    await hotline.page.waitForSelector(
      `[data-testid=case-detail][data-state=REPORTED] >> text=${masterCode}`,
    );

    // 6. The master progresses: the village registers it and the township dispatches it.
    const village = await app.as('village.operator');
    let m = (await village.get(`/api/cases/${master.id}`)).body.data;
    m = await actOk(village, m, 'REGISTER');
    m = await actOk(village, m, 'ESCALATE', { reason: '需要街道派遣执法中队' });
    const township = await app.as('township.dispatcher');
    m = await actOk(township, m, 'REGISTER');
    m = await actOk(township, m, 'DISPATCH', { leadDepartmentId: '371502-CHENGGUAN' });

    // Every reporter sees it, live: the worker's list, the hotline's open master, the citizen's channel.
    await worker.page.waitForSelector(
      `[data-testid=reported] [data-code="${masterCode}"][data-state=DISPATCHED]`,
    );
    await checkScreen(worker.page, 'merge-04-worker-my-cases');
    await hotline.page.waitForSelector('[data-testid=case-detail][data-state=DISPATCHED]');
    await hotline.page.waitForSelector('[data-testid=merged-duplicates]');
    await checkScreen(hotline.page, 'merge-05-hotline-master');
    const seenByCitizens = await getCase(app.ctx, citizens, ref.caseId);
    expect(seenByCitizens.state).toBe('DISPATCHED');
    expect(seenByCitizens.merge.duplicates.map((d) => d.id).sort()).toEqual(
      [fromHotline.id, fromCitizen.case.id].sort(),
    );
  }, 120_000);

  it('attaches a new report to the suggested case instead of filing one (是同一件事，附加到此案件)', async () => {
    const cell: string = (await app.as('gridworker')).user.gridCodes[0];
    const point = await pointIn(app, cell);
    const master = await app.ctx.db.read.case.findFirstOrThrow({
      where: { description: '早市摊贩占道经营，堵住人行道' },
    });
    const desk = await signIn(browser, app.baseUrl, 'village.operator', { width: 390, height: 844 });
    const cases = await app.ctx.db.read.case.count();
    await desk.page.goto(`${app.baseUrl}/#/report`);
    await fillReport(desk.page, '居民到站反映：摊贩又占道了', point);
    await desk.page.setInputFiles('[data-testid=photos]', await makePhoto(desk.page, 'walk-in'));
    await desk.page.click(
      `[data-testid=duplicate-hints] li:has-text("${master.code}") [data-testid=attach-to-case]`,
    );
    await desk.page.waitForSelector(`[data-testid=report-attached] >> text=${master.code}`);
    await checkScreen(desk.page, 'merge-06-attached');
    expect(await app.ctx.db.read.case.count()).toBe(cases);
    const attached = await app.ctx.db.read.caseEvent.findFirstOrThrow({
      where: { caseId: master.id, action: 'ATTACH' },
    });
    expect(await app.ctx.db.read.attachment.count({ where: { eventSeq: attached.seq } })).toBe(1);
  }, 60_000);
});
