/**
 * Map benchmark: the command map's layers (client/src/map: Leaflet + one L.canvas renderer for
 * the cells, supercluster for the case points) beside a raw Canvas2D baseline, in headless
 * Chromium: first render of the city's cell count (11,343) and of 50,000 cells, each with
 * 100,000 open case points; a live event (restyle one cell, update one case, redraw); panning;
 * loading 1,000,000 points into the clustered layer; then a screenshot of the real screen on the
 * demo data, with a live-event check.
 *
 *   node --import tsx bench/map.ts            (BENCH_KEEP=1 keeps the temp directory)
 *
 * Prints metric | map | raw canvas | ratio | target | pass/fail and writes
 * bench/results/map.{json,md} and bench/results/map.png. See bench/README.md "Map benchmark".
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Playwright from '../tests/node_modules/playwright-core/index';
import { startRpcChild, stopChildren } from './lib/child';
import { fmtMs, fmtX, markdownTable, type Row, textTable } from './lib/report';
import { summarize } from './lib/stats';

// playwright-core is a dependency of @wangge/tests, not of the root package: resolved from there
// (like socket.io-client in fanout-dashboards.ts).
const requireFromTests = createRequire(new URL('../tests/package.json', import.meta.url));
const { chromium } = requireFromTests('playwright-core') as typeof Playwright;
type Browser = Playwright.Browser;
type Page = Playwright.Page;

const REPO = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = join(REPO, 'bench/results');
const SIZES = [11_343, 50_000];
/** Open case points drawn with the cells. */
const POINTS = 100_000;
/** Points loaded once into the clustered layer to see that a million stays usable. */
const MILLION = 1_000_000;
const VIEW = { width: 1280, height: 760 };
const HEAD = ['metric', 'map (Leaflet canvas)', 'raw canvas', 'ratio', 'target', 'pass/fail'];
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

/** Builds the app (`pnpm --filter @wangge/client build` = vite build in client/) and the bench page. */
function build(out: string) {
  const vite = join(REPO, 'client/node_modules/.bin/vite');
  run(vite, ['build'], join(REPO, 'client'));
  run(vite, ['build', join(REPO, 'bench/map'), '--outDir', out, '--emptyOutDir', '--base', './'], REPO);
}

function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = join(dir, (req.url ?? '/').split('?')[0]!.replace(/\/$/, '/index.html'));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
    }),
  );
}

/** Five scripted mouse drags across the middle of the view, frames recorded throughout. */
async function pan(page: Page, selector: string): Promise<number[]> {
  await page.evaluate(() => window.bench.startFrames());
  const box = (await page.locator(selector).boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [
    [300, 0],
    [0, 200],
    [-300, 0],
    [0, -200],
    [200, 150],
  ] as const) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps: 40 });
    await page.mouse.up();
    await page.waitForTimeout(300); // let inertia and the moveend redraw land in the window
  }
  return page.evaluate(() => window.bench.stopFrames());
}

async function measure(browser: Browser, url: string, n: number, kind: 'map' | 'raw') {
  const page = await browser.newPage({ viewport: VIEW });
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  const setup = await page.evaluate(
    ([size, k, points]) =>
      k === 'map' ? window.bench.setupMap(size, points) : window.bench.setupRaw(size, points),
    [n, kind, POINTS] as const,
  );
  if (n === SIZES[SIZES.length - 1]) await page.screenshot({ path: join(RESULTS, `map-bench-${kind}.png`) });
  const frames = await pan(page, kind === 'map' ? '#map' : '#raw');
  const restyle = await page.evaluate(
    (k) => (k === 'map' ? window.bench.restyleMap(200) : window.bench.restyleRaw(200)),
    kind,
  );
  const million =
    kind === 'map' && n === SIZES[0] ? await page.evaluate((k) => window.bench.pointsMap(k), MILLION) : null;
  await page.close();
  return { setup, frames: summarize(frames), restyle: summarize(restyle), million };
}

/** The real screen on the demo data as command.city; a case reported live must show up. */
async function screenshot(browser: Browser, dir: string) {
  const api = await startRpcChild(join(REPO, 'bench/map/demo-server.ts'), [join(dir, 'demo.db')], {
    timeoutMs: 300_000,
  });
  const base = `http://127.0.0.1:${(api.ready as { port: number }).port}`;
  const login = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    return ((await res.json()) as { data: { token: string; user: { gridCodes: string[] } } }).data;
  };
  const viewer = await login('command.city');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  await page.addInitScript((token) => localStorage.setItem('wangge.token', token), viewer.token);
  const t0 = Date.now();
  await page.goto(`${base}/#/map`);
  await page.waitForFunction(() => (window.__wanggeMap?.cellCount() ?? 0) > 0, null, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="connection"].ok');
  const loadMs = Date.now() - t0;
  const before = Number(await page.textContent('[data-testid="total-open"]'));
  // A grid worker reports a case: the feed, the open total, the cell and the markers follow.
  const worker = await login('gridworker');
  const cell = worker.user.gridCodes[0]!;
  const g = (await (
    await fetch(`${base}/api/grids/${cell}`, { headers: { authorization: `Bearer ${worker.token}` } })
  ).json()) as {
    data: { centroidLon: number; centroidLat: number };
  };
  const markersBefore = await page.evaluate(() => window.__wanggeMap!.markerCount());
  const report = await fetch(`${base}/api/cases`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${worker.token}`,
      'idempotency-key': `bench-map-${Date.now()}`,
    },
    body: JSON.stringify({
      categoryCode: '0201',
      description: '基准测试：早市摊贩占道经营',
      location: { lon: g.data.centroidLon, lat: g.data.centroidLat },
    }),
  });
  await page.waitForSelector('[data-testid="feed"] li[data-event="case:reported"]', { timeout: 10_000 });
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="total-open"]')?.textContent) === n + 1,
    before,
    {
      timeout: 5_000,
    },
  );
  const live = {
    reportStatus: report.status,
    openBefore: before,
    openAfter: Number(await page.textContent('[data-testid="total-open"]')),
    markersBefore,
    markersAfter: await page.evaluate(() => window.__wanggeMap!.markerCount()),
    cellFill: await page.evaluate((c) => window.__wanggeMap!.cellStyle(c)?.fillColor ?? null, cell),
    feedFirst: (await page.textContent('[data-testid="feed"] li')) ?? '',
  };
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(RESULTS, 'map.png') });
  await page.close();
  await api.stop();
  return { loadMs, live };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-map-bench-'));
  mkdirSync(RESULTS, { recursive: true });
  const page = join(dir, 'page');
  console.log('building client and bench page …');
  build(page);
  const { server, url } = await serveStatic(page);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const rows: Row[] = [];
    const results: Record<string, unknown> = {};
    for (const n of SIZES) {
      console.log(`N = ${n.toLocaleString()} …`);
      const map = await measure(browser, url, n, 'map');
      const raw = await measure(browser, url, n, 'raw');
      results[n] = { map, raw };
      const k = `${n / 1000}k`;
      const ratio = (a: number, b: number) => fmtX(a / b);
      const isCity = n === SIZES[0];
      rows.push(
        {
          metric: `${k} cells + ${POINTS / 1000}k points: first render to painted frame (ms)`,
          api: fmtMs(map.setup.paintedMs),
          raw: fmtMs(raw.setup.paintedMs),
          ratio: ratio(map.setup.paintedMs, raw.setup.paintedMs),
          target: isCity ? '≤ 1500' : 'info',
          pass: isCity ? map.setup.paintedMs <= 1500 : null,
        },
        {
          metric: `${k} cells: points indexed in the cluster worker, drawn after (ms, beside the cells)`,
          api: fmtMs((map.setup as { indexMs?: number }).indexMs ?? Number.NaN),
          raw: '—',
          ratio: '—',
          target: 'info',
          pass: null,
        },
        {
          metric: `${k} cells: live event (restyle cell + update case + redraw) p50 / p99 (ms)`,
          api: `${fmtMs(map.restyle.p50)} / ${fmtMs(map.restyle.p99)}`,
          raw: `${fmtMs(raw.restyle.p50)} / ${fmtMs(raw.restyle.p99)}`,
          ratio: ratio(map.restyle.p99, raw.restyle.p99),
          target: 'p99 ≤ 16',
          pass: map.restyle.p99 <= 16,
        },
        {
          metric: `${k} cells: pan frame p50 / p99 (ms)`,
          api: `${fmtMs(map.frames.p50)} / ${fmtMs(map.frames.p99)}`,
          raw: `${fmtMs(raw.frames.p50)} / ${fmtMs(raw.frames.p99)}`,
          ratio: ratio(map.frames.p50, raw.frames.p50),
          target: 'p50 ≤ 17',
          pass: map.frames.p50 <= 17,
        },
      );
      if (map.million)
        rows.push({
          metric: '1,000,000 points: load + cluster index / draw the view (ms)',
          api: `${fmtMs(map.million.loadMs)} (index ${fmtMs(map.million.indexMs)}) / ${fmtMs(map.million.drawMs)}`,
          raw: '—',
          ratio: '—',
          target: 'info',
          pass: null,
        });
    }
    console.log('screenshot of the real screen (seeding the demo database, ~30–60 s) …');
    const screen = await screenshot(browser, dir);
    rows.push({
      metric: 'demo screen: login→cells drawn, ~11k cells (ms)',
      api: fmtMs(screen.loadMs),
      raw: '—',
      ratio: '—',
      target: 'info',
      pass: null,
    });
    const isLiveOk =
      screen.live.openAfter === screen.live.openBefore + 1 &&
      screen.live.markersAfter === screen.live.markersBefore + 1;
    rows.push({
      metric: 'demo screen: live report → total, marker, feed',
      api: `open ${screen.live.openBefore}→${screen.live.openAfter}, markers ${screen.live.markersBefore}→${screen.live.markersAfter}, cell ${screen.live.cellFill}`,
      raw: '—',
      ratio: '—',
      target: '+1, +1',
      pass: isLiveOk,
    });
    const table = textTable(rows, HEAD);
    console.log(`\n${table}\n`);
    const at = new Date().toISOString();
    writeFileSync(
      join(RESULTS, 'map.json'),
      `${JSON.stringify({ at, sizes: SIZES, viewport: VIEW, results, screen }, null, 2)}\n`,
    );
    writeFileSync(
      join(RESULTS, 'map.md'),
      `# Map benchmark (${at})\n\nHeadless Chromium (software rendering), viewport ${VIEW.width}×${VIEW.height}, city zoom; ${POINTS.toLocaleString()} open case points with the cells. Raw canvas: the same cells and every point drawn straight onto one Canvas2D (no clustering, no Leaflet).\n\n${markdownTable(rows, HEAD)}\n\nScreenshot: map.png; bench page: map-bench-map.png, map-bench-raw.png.\n`,
    );
  } finally {
    await browser.close();
    server.close();
    await stopChildren();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopChildren();
  process.exit(1);
});
