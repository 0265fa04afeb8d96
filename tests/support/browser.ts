import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, DEMO_PASSWORD } from './paths';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

/**
 * Whether browser tests can run. CI installs Chromium and sets REQUIRE_BROWSER=1, so there
 * a missing browser fails the run instead of skipping the tests.
 */
export function hasBrowser(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`Chromium not found at ${CHROMIUM}`);
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new browser context (its own storage) signed in through the login form. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = { width: 1280, height: 800 },
  language: 'zh-CN' | 'en' = 'zh-CN',
) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // The app's language choice (remembered per device), before the first render.
  await context.addInitScript((l) => {
    if (!localStorage.getItem('wangge.locale')) localStorage.setItem('wangge.locale', l);
  }, language);
  const page = await context.newPage();
  trackRequests(page);
  page.on('pageerror', (e) => {
    console.error(`[${username}] page error: ${e.stack ?? e.message}`);
    errorsOf(page).push(e.message);
  });
  await page.goto(baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=connection]');
  return { context, page };
}

const inflight = new WeakMap<Page, { pending: Set<unknown>; last: number }>();
/**
 * A dedicated worker's script (the command map's cluster worker): Playwright never reports the
 * end of its request — not when the worker starts, nor when the page terminates the worker
 * before it started (leaving the map at once) — so it is not waited for.
 */
const WORKER_SCRIPT = /\/assets\/[\w-]*worker[\w-]*\.js$/;
function trackRequests(page: Page) {
  const state = { pending: new Set<unknown>(), last: Date.now() };
  inflight.set(page, state);
  const done = (r: unknown) => {
    state.pending.delete(r);
    state.last = Date.now();
  };
  page.on('request', (r) => {
    if (WORKER_SCRIPT.test(new URL(r.url()).pathname)) return;
    state.pending.add(r);
    state.last = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/**
 * Waits until the page (signed in with signIn) has had no request in flight for `idleMs`.
 * Playwright's own `networkidle` never comes on a page that has started a dedicated worker
 * (the command map's cluster worker: Playwright never sees its script's request end).
 */
export async function waitForQuiet(page: Page, idleMs = 500, timeoutMs = 30_000) {
  const state = inflight.get(page);
  if (!state) throw new Error('waitForQuiet: the page was not opened by signIn');
  const until = Date.now() + timeoutMs;
  while (state.pending.size > 0 || Date.now() - state.last < idleMs) {
    if (Date.now() > until)
      throw new Error(
        `waitForQuiet: still in flight: ${[...state.pending].map((r) => (r as { url(): string }).url()).join(', ')}`,
      );
    await page.waitForTimeout(50);
  }
}

const pageErrors = new WeakMap<Page, string[]>();
/** Uncaught errors of a page signed in with signIn, since it opened (a screen check empties it). */
export function errorsOf(page: Page): string[] {
  const list = pageErrors.get(page) ?? [];
  pageErrors.set(page, list);
  return list;
}

/** Saves a screenshot under tests/.artifacts/screenshots/ (look at them). */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** A real PNG photo (a drawn canvas), made in the page, as a file for setInputFiles. */
export async function makePhoto(page: Page, label: string) {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#6a8caf';
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#fff';
    g.font = '80px sans-serif';
    g.fillText(text, 80, 450);
    return canvas.toDataURL('image/png');
  }, label);
  return {
    name: `${label}.png`,
    mimeType: 'image/png',
    buffer: Buffer.from(dataUrl.split(',')[1]!, 'base64'),
  };
}
