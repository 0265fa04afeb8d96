import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAV_BY_ROLE } from '../../client/src/features/shell/navigation';
import { hasBrowser, launchBrowser, signIn, waitForQuiet } from '../support/browser';
import { buildCase } from '../support/factories';
import { buildPerson } from '../support/register';
import { checkScreen } from '../support/screen-check';
import { startTestApp, type TestApp } from '../support/test-app';

/** One account per role (the demo accounts). */
const ACCOUNTS = {
  GRID_WORKER: 'gridworker',
  STATION_OPERATOR: 'village.operator',
  DISPATCHER: 'township.dispatcher',
  DEPT_STAFF: 'dept.chengguan',
  VIEWER: 'command.city',
  HOTLINE: 'hotline',
  ADMIN: 'admin',
  AUDITOR: 'auditor',
  /** Staff of a 公安 department: department tasks plus the register's 重点人员. */
  POLICE_LIAISON: 'dept.gongan',
} as const;
/** Roles with a view of the register: they also open a person's record. */
const REGISTER_ROLES = new Set(['GRID_WORKER', 'STATION_OPERATOR', 'DISPATCHER', 'ADMIN']);
const SIZES = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/**
 * Every screen of every role, in Chinese and in English, on a desk and on a phone: axe-core finds
 * no serious or critical WCAG 2.1 AA violation, no word is in the wrong language, there is one h1.
 * The screenshots are in tests/.artifacts/screenshots/screen-*.png: look at them.
 */
describe.runIf(hasBrowser())('every screen of every role', () => {
  let app: TestApp;
  let browser: Browser;
  let caseId: string;
  let caseCode: string;
  let personId: string;
  let cell: string;
  beforeAll(async () => {
    app = await startTestApp({ now: new Date() });
    browser = await launchBrowser();
    // A case to show on the lists and the case page.
    const worker = await app.as('gridworker');
    const c = await buildCase(app, worker, { description: '每屏检查：井盖缺失' });
    caseId = c.id;
    caseCode = c.code;
    // A person of the worker's cell, for the register's record page and the cell page.
    cell = worker.user.gridCodes[0];
    personId = (await buildPerson(worker, { n: 901, name: '每屏 测试', tags: ['CONCERN_ELDERLY_ALONE'] })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [role, username] of Object.entries(ACCOUNTS)) {
    it(role, async () => {
      const { page, context } = await signIn(browser, app.baseUrl, username, SIZES.desk);
      try {
        const routes = [...(NAV_BY_ROLE[role] ?? []).map((n) => n.route), 'account'];
        if (!['DEPT_STAFF', 'AUDITOR', 'POLICE_LIAISON'].includes(role))
          routes.push(`case/${caseId}`, `cell/${cell}`);
        if (REGISTER_ROLES.has(role)) routes.push(`person/${personId}`, 'person/new');
        if (role === 'POLICE_LIAISON') {
          routes.push('tasks', 'register');
          // The register is in the navigation for a 公安 department's staff.
          await page.waitForSelector('nav a[href="#/register"]');
        }
        // The wall display is not in the navigation (it is opened from the dashboard).
        if (role === 'VIEWER') routes.push('wall');
        for (const locale of ['zh-CN', 'en'] as const) {
          await page.evaluate((l) => localStorage.setItem('wangge.locale', l), locale);
          await page.reload();
          await page.waitForSelector('main h1');
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
          for (const route of routes) {
            await page.setViewportSize(SIZES.desk);
            await page.evaluate((r) => {
              location.hash = `#/${r}`;
            }, route);
            await page.waitForSelector('main h1');
            await waitForQuiet(page);
            for (const [size, viewport] of Object.entries(SIZES)) {
              await page.setViewportSize(viewport);
              await checkScreen(page, `screen-${role}-${size}-${locale}-${route.split('/')[0]}`);
            }
          }
        }
      } finally {
        await context.close();
      }
      // Up to 13 routes × 2 languages × 2 sizes, each with axe: a minute is not enough on a loaded machine.
    }, 240_000);
  }

  // The command map's states beyond its first view: search hits, a case open beside the map.
  it('command map: search results and a case beside the map', async () => {
    const { page, context } = await signIn(browser, app.baseUrl, 'command.city', SIZES.desk);
    try {
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate((l) => localStorage.setItem('wangge.locale', l), locale);
        await page.goto(`${app.baseUrl}/#/map`);
        await page.reload(); // the language is read at start
        await page.waitForFunction(() => ((window as any).__wanggeMap?.markerCount() ?? 0) > 0);
        await page.fill('[data-testid=map-search]', '社区');
        await page.press('[data-testid=map-search]', 'Enter');
        await page.waitForSelector('[data-testid=map-hits] li button');
        await checkScreen(page, `screen-map-search-${locale}`);
        await page.fill('[data-testid=map-search]', caseCode);
        await page.press('[data-testid=map-search]', 'Enter');
        await page.waitForSelector('[data-testid=case-panel] [data-testid=case-detail]');
        for (const [size, viewport] of Object.entries(SIZES)) {
          await page.setViewportSize(viewport);
          await checkScreen(page, `screen-map-case-${size}-${locale}`);
        }
        await page.setViewportSize(SIZES.desk);
      }
    } finally {
      await context.close();
    }
  });
});
