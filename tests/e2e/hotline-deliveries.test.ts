import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverHotlineNotifications } from '../../api/src/services/hotline/deliver-hotline-notifications';
import { signHotlineBody } from '../../api/src/services/hotline/hotline-signature';
import { hasBrowser, launchBrowser, signIn } from '../support/browser';
import { actOk, loginAll, pointIn } from '../support/factories';
import { startHotlineReceiver } from '../support/hotline-receiver';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'e2e-only 12345 platform shared secret, 40+ chars';

/** 12345 对接: an admin sees a notification that failed for good, retries it, and sees it delivered. */
describe.runIf(hasBrowser())('the 12345 deliveries page', () => {
  let app: TestApp;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startHotlineReceiver>>;
  const orderId = `GD-E2E-${Date.now()}`;
  beforeAll(async () => {
    receiver = await startHotlineReceiver(SECRET, () => app.clock);
    app = await startTestApp({
      now: new Date(),
      env: {
        HOTLINE_PLATFORM_SECRET: SECRET,
        HOTLINE_PLATFORM_WEBHOOK_URL: receiver.url,
        HOTLINE_PLATFORM_TIMEOUT_MS: '500',
        HOTLINE_DELIVERY_MAX_ATTEMPTS: '1',
      },
    });
    browser = await launchBrowser();
    const u = await loginAll(app, 'gridworker', 'village.operator');
    const body = JSON.stringify({
      orderId,
      receivedAt: new Date().toISOString(),
      requestType: '求助',
      categoryCode: '0201',
      description: '市民来电：楼道灯坏了，老人夜里出行不便',
      callerPhone: '13812345678',
      location: await pointIn(app, u.gridworker.user.gridCodes[0]),
    });
    const ts = Math.floor(app.clock.now().getTime() / 1000);
    const filed = await app.anonymous().send('POST', '/api/integrations/hotline/orders', {
      body,
      headers: {
        'content-type': 'application/json',
        'x-timestamp': String(ts),
        'x-signature': signHotlineBody(SECRET, ts, body),
      },
    });
    expect(filed.status).toBe(201);
    let c = (await u['village.operator'].get(`/api/cases/${filed.body.data.caseId}`)).body.data;
    c = await actOk(u['village.operator'], c, 'REGISTER');
    await actOk(u['village.operator'], c, 'ESCALATE', { reason: '需要街道协调处置' });
    // The platform is down: the first notification fails for good (one attempt allowed here).
    receiver.setMode('fail');
    await deliverHotlineNotifications(app.ctx, 'e2e-node');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await receiver?.close();
  });

  it('lists the failed delivery, retries it, and shows it delivered (Chinese, then English)', async () => {
    const { page, context } = await signIn(browser, app.baseUrl, 'admin');
    await page.goto(`${app.baseUrl}/#/deliveries`);
    const failed = page.locator('[data-testid=delivery-row].delivery-failed');
    await failed.waitFor();
    expect(await page.locator('[data-testid=delivery-row]').count()).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid=delivery-summary]').textContent())
      .toContain('失败 1 条');
    expect(await failed.textContent()).toContain('HTTP 500');
    expect(await page.locator('[data-testid=delivery-row].delivery-pending').textContent()).toContain(
      '等待前序送达',
    );
    await checkScreen(page, 'hotline-deliveries-zh');

    receiver.setMode('ok');
    await failed.locator('button').click();
    await page.locator('[role=status]').waitFor();
    await page.locator('[data-testid=delivery-row].delivery-pending').first().waitFor();
    await deliverHotlineNotifications(app.ctx, 'e2e-node');
    expect(receiver.of(orderId).map((n) => n.seq)).toEqual([1, 2]);
    // Filter by status: what was delivered.
    await page.selectOption('select', 'DELIVERED');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=delivery-row].delivery-delivered').count()).toBe(2);
    expect(await page.locator('[data-testid=delivery-row].delivery-failed').count()).toBe(0);
    await context.close();

    const en = await signIn(browser, app.baseUrl, 'admin', undefined, 'en');
    await en.page.goto(`${app.baseUrl}/#/deliveries`);
    await en.page.locator('[data-testid=delivery-row]').first().waitFor();
    await expect
      .poll(() => en.page.locator('[data-testid=delivery-summary]').textContent())
      .toContain('2 delivered');
    await checkScreen(en.page, 'hotline-deliveries-en');
    await en.context.close();

    // On a phone the table scrolls sideways inside its labelled region.
    const phone = await signIn(browser, app.baseUrl, 'admin', { width: 390, height: 844 });
    await phone.page.goto(`${app.baseUrl}/#/deliveries`);
    await phone.page.locator('[data-testid=delivery-row]').first().waitFor();
    await checkScreen(phone.page, 'hotline-deliveries-phone');
    await phone.context.close();
  });
});
