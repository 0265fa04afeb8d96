import { describe, expect, it } from 'vitest';
import { hasBrowser, signIn } from '../support/browser';
import { useBrowserApp } from '../support/browser-app';
import { checkScreen } from '../support/screen-check';

describe.runIf(hasBrowser())('place search on the report form, in real Chromium', () => {
  const env = useBrowserApp();

  it('the hotline operator places a caller by a place name, with the keyboard, and files the report there', async () => {
    const cell = await env.app.ctx.db.read.grid.findFirstOrThrow({
      where: { villageCode: '371502001001' },
      orderBy: { code: 'asc' },
    });
    const { page } = await signIn(env.browser, env.app.baseUrl, 'hotline');
    await page.goto(`${env.app.baseUrl}/#/report`);
    await page.waitForSelector('[data-testid=place-search]');
    // Not a grid worker: no "red outlines are your cells".
    expect(await page.textContent('.report-location')).not.toContain('红框为本人负责的网格');

    await page.fill('[data-testid=place-search]', '古城社区');
    await page.waitForSelector('.place-search [role=option]');
    const options = await page.locator('.place-search [role=option]').allTextContents();
    expect(options[0]).toContain('古城社区居委会');
    expect(options[1]).toContain(cell.name);
    await checkScreen(page, 'place-search-01-results');
    // Down once (the village's first cell), then Enter.
    await page.press('[data-testid=place-search]', 'ArrowDown');
    expect(await page.getAttribute('[data-testid=place-search]', 'aria-activedescendant')).toMatch(/opt-1$/);
    await page.press('[data-testid=place-search]', 'Enter');
    await page.waitForSelector(`[data-testid=resolved-grid][data-code="${cell.code}"]`);
    expect(await page.isHidden('.place-search [role=listbox]')).toBe(true);
    await page.waitForFunction(
      (want) => {
        const c = document.querySelector('[data-testid=report-map]')?.getAttribute('data-center');
        if (!c) return false;
        const [lon, lat] = c.split(',').map(Number);
        return Math.abs(lon! - want[0]!) < 1e-4 && Math.abs(lat! - want[1]!) < 1e-4;
      },
      [cell.centroidLon, cell.centroidLat],
    );
    expect(await page.inputValue('input[name=lon]')).toBe(String(cell.centroidLon));
    await checkScreen(page, 'place-search-02-chosen');

    await page.fill('[data-testid=category-search]', '占道');
    await page.click('[data-testid=category-option][data-code="0201"]');
    await page.fill('textarea[name=description]', '市民来电：古城社区门口摊贩占道经营');
    // The 12345 desk asks what kind of request the call is.
    await page.check('input[name=requestType][value=投诉]');
    await page.click('[data-testid=submit-report]');
    const code = (await page.textContent('[data-testid=report-done] strong'))!.trim();
    const filed = await env.app.ctx.db.read.case.findUniqueOrThrow({ where: { code } });
    expect(filed).toMatchObject({
      source: 'HOTLINE',
      gridCode: cell.code,
      lon: cell.centroidLon,
      lat: cell.centroidLat,
    });
  });

  it('works in English and on a phone', async () => {
    const { page } = await signIn(env.browser, env.app.baseUrl, 'hotline', { width: 390, height: 844 }, 'en');
    await page.goto(`${env.app.baseUrl}/#/report`);
    await page.fill('[data-testid=place-search]', '东昌府区政府');
    await page.waitForSelector('.place-search [role=option]:has-text("东昌府区人民政府")');
    expect(await page.textContent('.place-search [role=option]')).toContain('Landmark');
    await checkScreen(page, 'place-search-03-en-phone');
    await page.click('.place-search [role=option]');
    await page.waitForSelector('[data-testid=resolved-grid][data-code]:not([data-code=""])');
    expect(await page.textContent('.place-search')).toContain('Placed at: 聊城市 东昌府区');
  });
});
