import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { errorsOf, snap } from './browser';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now: the serious and critical violations. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')),
      }));
  });
}

/**
 * Words on the screen in the wrong language: in Chinese, Latin words (English text, field ids,
 * state codes); in English, Chinese characters. Text inside an element that declares another
 * language (`lang`, e.g. data in Chinese, the language switch) or `translate="no"` (codes) is
 * not the UI's and is skipped, as are inputs' values.
 */
export async function wrongLanguage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ui = document.documentElement.lang;
    const zh = ui.startsWith('zh');
    // Abbreviations and proper names a Chinese UI writes in Latin letters.
    const allowed = new Set([
      'ID',
      'OK',
      'CSV',
      'Excel',
      'XLSX',
      'PDF',
      'GB',
      'WCAG',
      'Leaflet',
      'App',
      'GPS',
    ]);
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // What people typed is theirs (inputs' values, a textarea's text), not the UI's.
      if (!el || el.closest('script,style,noscript,textarea,[translate=no],[aria-hidden=true]')) continue;
      const declared = el.closest('[lang]')?.getAttribute('lang') ?? ui;
      if (declared !== ui) continue;
      // Only what is rendered (not a closed <details>, a hidden panel, a collapsed select's list).
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      const text = node.textContent ?? '';
      const bad = zh
        ? (text.match(/[A-Za-z][A-Za-z_]{2,}/g) ?? []).filter((w) => !allowed.has(w))
        : (text.match(/[\u3400-\u9fff]+/g) ?? []);
      if (bad.length) found.push(`${bad.join(',')} in "${text.trim().slice(0, 60)}"`);
    }
    // Attributes people hear or see: placeholders, aria-labels, titles of controls.
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder],[aria-label]')) {
      if (el.closest('[translate=no]')) continue;
      const declared = el.closest('[lang]')?.getAttribute('lang') ?? ui;
      if (declared !== ui) continue;
      for (const attr of ['placeholder', 'aria-label']) {
        const text = el.getAttribute(attr) ?? '';
        const bad = zh
          ? (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w))
          : (text.match(/[\u3400-\u9fff]+/g) ?? []);
        if (bad.length) found.push(`${attr}: ${text}`);
      }
    }
    return found;
  });
}

/**
 * One screen as a user meets it: a screenshot to look at, no serious or critical WCAG 2.1 AA
 * violation, no word in the wrong language, one h1, and no uncaught error since the last check.
 */
export async function checkScreen(page: Page, name: string) {
  await snap(page, name);
  const violations = await axeViolations(page);
  expect.soft(violations, `${name}: axe`).toEqual([]);
  expect.soft(await wrongLanguage(page), `${name}: wrong language`).toEqual([]);
  expect.soft(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
  // No uncaught error on the way here.
  expect.soft(errorsOf(page).splice(0), `${name}: page errors`).toEqual([]);
}
