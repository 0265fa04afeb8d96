import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startTestApp, type TestApp } from './test-app';

/**
 * A real API (on the wall clock, as a browser's timers are) and a Chromium for one describe
 * block: started before its tests, closed after them. Read them as `env.app` and `env.browser`.
 */
export function useBrowserApp(options: Parameters<typeof startTestApp>[0] = {}) {
  const env = {} as { app: TestApp; browser: Browser };
  beforeAll(async () => {
    env.app = await startTestApp({ now: new Date(), ...options });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}
