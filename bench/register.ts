/**
 * pnpm bench:register — the base register at city size: 6,000,000 synthetic persons (聊城's
 * population) spread over the seeded city's cells, ~5 % in a management class, every ID number
 * and phone encrypted and blind-indexed with the product's own cipher, written with prepared
 * statements into a real SQLite file; the layer counts filled by the product's rebuild. Then,
 * through the API over HTTP (in this process, as a city 综治 centre dispatcher):
 * - search by name prefix (surname + first given character) and by full ID number: p50/p99 of
 *   ≥ 200 random queries each (targets p99 ≤ 50 ms);
 * - the city's layer counts per cell (target ≤ 300 ms);
 * and the same queries as raw SQL on better-sqlite3 on the same file, plus, once, the per-cell
 * GROUP BY the count table saves.
 *
 *   node --import tsx bench/register.ts            6,000,000 persons
 *   node --import tsx bench/register.ts --quick    300,000 persons (development)
 *   node --import tsx bench/register.ts --persons=N
 *   BENCH_REGISTER_FRESH=1 …                       regenerate instead of reusing the cached file
 *
 * The generated file is cached in os.tmpdir()/wangge-bench-register/ keyed by a version and the
 * size (generation takes minutes). Writes bench/results/register.{json,md}.
 */

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { closeContext, createContext } from '../api/src/create-context';
import { sqliteDate } from '../api/src/db/sql-runner';
import { rebuildRegisterCounts } from '../api/src/services/register/rebuild-register-counts';
import { createRegisterCipher } from '../api/src/services/register/register-cipher';
import { CITY_CODE } from '../shared/src/domain/unit-codes';
import { createRandom } from '../shared/src/random';
import { PERSON_CLASSES } from '../shared/src/register/classes';
import { idCheckDigit } from '../shared/src/register/id-number';
import { maskIdNumber, maskPhone } from '../shared/src/register/mask';
import { seedDatabase } from './lib/child';
import { fmtMs, fmtX, markdownTable, type Row, textTable } from './lib/report';
import { openRaw, type RawDatabase } from './lib/sqlite';
import { summarize } from './lib/stats';

const VERSION = 2;
const QUICK = process.argv.includes('--quick');
const SIZE = process.argv.find((a) => a.startsWith('--persons='));
const N = SIZE ? Number(SIZE.slice('--persons='.length)) : QUICK ? 300_000 : 6_000_000;
const QUERIES = 250;
const LAYER_RUNS = 15;
const TAGGED = 0.05;
const SEARCH_TARGET_MS = 50;
const LAYERS_TARGET_MS = 300;
const NOW = new Date('2026-12-01T02:00:00Z');

/** Common surnames and given-name characters: ~1,100 persons per surname + first character at 6M. */
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建国文辉力志鹏飞宇浩凯秀梅琳晨雪婷欣颖佳怡子轩博涵睿思雨',
];

/**
 * Synthetic, unique ID numbers of a never-assigned area, 371598 (聊城's county-level codes are
 * 371502, 371503, 371521–371526, 371581; the demo register uses 371599): 76 years of birth dates
 * × 1000 sequences, the real check digit.
 */
function idNumberOf(n: number): string {
  const days = 27_759;
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % days) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `371598${birth}${String(Math.floor(n / days) % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckDigit(first17)}`;
}
/**
 * Ids in insertion order (valid UUID text, version 4 layout): each row lands at the end of the
 * primary key's b-tree instead of at a random page, which at millions of rows is most of the
 * generation's time. The product's own ids are random; the searches do not depend on their order.
 */
const personId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const phoneOf = (n: number) => `199${String(n).padStart(8, '0')}`;

interface Generated {
  persons: number;
  tagged: number;
  cells: number;
  seconds: { seed: number; encrypt: number; insert: number; index: number; counts: number; total: number };
}

/** Writes the register into a seeded file: indexes dropped while inserting, rebuilt after (sorted builds). */
async function generate(file: string): Promise<Generated> {
  const t0 = performance.now();
  await seedDatabase(file);
  const tSeed = performance.now();
  const cipher = createRegisterCipher(loadConfig({ DATA_DIR: dirname(file) }).registerKey.secret);
  const db = openRaw(file);
  db.pragma('cache_size = -1000000');
  const cells = db
    .prepare('SELECT code, villageCode, townshipCode, countyCode FROM "Grid" ORDER BY code')
    .all() as {
    code: string;
    villageCode: string;
    townshipCode: string;
    countyCode: string;
  }[];
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Person', 'PersonTag') AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  const insertPerson = db.prepare(
    `INSERT INTO "Person" (id, gridCode, villageCode, townshipCode, countyCode, name, idNumberCipher, idNumberIndex,
      idNumberMasked, phoneCipher, phoneIndex, phoneMasked, sex, birthDate, residence, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO "PersonTag" (personId, tagCode, since) VALUES (?, ?, ?)');
  const random = createRandom(6_000_000);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let encryptMs = 0;
  let tagged = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const cell = cells[Math.floor(random() * cells.length)]!;
      const idNumber = idNumberOf(n);
      const phone = random() < 0.7 ? phoneOf(n) : null;
      const e0 = performance.now();
      const idCipher = cipher.encrypt('idNumber', idNumber);
      const idIndex = cipher.blindIndex('idNumber', idNumber);
      const phoneCipher = phone ? cipher.encrypt('phone', phone) : null;
      const phoneIndex = phone ? cipher.blindIndex('phone', phone) : null;
      encryptMs += performance.now() - e0;
      const id = personId(n);
      const created = sqliteDate(new Date(NOW.getTime() - Math.floor(random() * 3 * 365 * 86_400_000)));
      const name = `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.7 ? pick(GIVEN) : ''}`;
      insertPerson.run(
        id,
        cell.code,
        cell.villageCode,
        cell.townshipCode,
        cell.countyCode,
        name,
        idCipher,
        idIndex,
        maskIdNumber(idNumber),
        phoneCipher,
        phoneIndex,
        phone ? maskPhone(phone) : null,
        Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
        `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        random() < 0.8 ? 'HOUSEHOLD' : pick(['RESIDENT', 'FLOATING', 'FOREIGN']),
        created,
        created,
      );
      if (random() < TAGGED) {
        tagged++;
        const first = pick(PERSON_CLASSES).code;
        insertTag.run(id, first, created);
        const second = pick(PERSON_CLASSES).code;
        if (random() < 0.1 && second !== first) insertTag.run(id, second, created);
      }
    }
  });
  const i0 = performance.now();
  for (let n = 0; n < N; n += 20_000) {
    batch(n, Math.min(N, n + 20_000));
    if (n % 1_000_000 === 0 && n > 0) console.log(`  ${n.toLocaleString('en')} persons …`);
  }
  const tInsert = performance.now();
  for (const i of indexes) db.exec(i.sql);
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const tIndex = performance.now();
  // The product's own rebuild fills the count table (as after any bulk load).
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' }),
    createManualClock(NOW),
    () => {},
  );
  await rebuildRegisterCounts(ctx);
  await closeContext(ctx);
  const tCounts = performance.now();
  const s = (ms: number) => ms / 1000;
  return {
    persons: N,
    tagged,
    cells: cells.length,
    seconds: {
      seed: s(tSeed - t0),
      encrypt: s(encryptMs),
      insert: s(tInsert - i0),
      index: s(tIndex - tInsert),
      counts: s(tCounts - tIndex),
      total: s(tCounts - t0),
    },
  };
}

/** Random queries from the file itself: name prefixes of real persons and their full ID numbers. */
function sampleQueries(db: RawDatabase) {
  const random = createRandom(13);
  const names: string[] = [];
  const ids: string[] = [];
  const max = N - 1;
  for (let i = 0; i < QUERIES; i++) {
    names.push(
      `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`,
    );
    ids.push(idNumberOf(Math.floor(random() * max)));
  }
  void db;
  return { names, ids };
}

/** Times each request in turn; returns the milliseconds. */
async function timeEach<T>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<unknown> | unknown,
): Promise<number[]> {
  const ms: number[] = [];
  for (const [index, item] of items.entries()) {
    const t = performance.now();
    await fn(item, index);
    ms.push(performance.now() - t);
  }
  return ms;
}

async function timeApi(file: string, q: { names: string[]; ids: string[] }) {
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' }),
    createManualClock(NOW),
    () => {},
  );
  const server = createServer(createApp(ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'city.dispatcher', password: 'demo1234' }),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { data: unknown };
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
      return body.data;
    };
    const found = { name: 0, id: 0 };
    await get(`/api/register/persons?q=${encodeURIComponent(q.names[0]!)}`); // warm-up
    const name = await timeEach(q.names, async (n) => {
      found.name += ((await get(`/api/register/persons?q=${encodeURIComponent(n)}`)) as unknown[]).length;
    });
    const id = await timeEach(q.ids, async (n) => {
      found.id += ((await get(`/api/register/persons?q=${n}`)) as unknown[]).length;
    });
    let cellsCounted = 0;
    const cold = await timeEach([0], async () => {
      cellsCounted = ((await get(`/api/register/layers?unit=${CITY_CODE}`)) as { codes: unknown[] }).codes
        .length;
    });
    // The map's read: one layer at a time (a group total, a class, the overdue visits).
    const oneLayer = ['PERSON:KEY', 'PERSON:CONCERN_ELDERLY_ALONE', 'VISIT:OVERDUE'];
    const layers = await timeEach(Array.from({ length: LAYER_RUNS }), (_, i) =>
      get(`/api/register/layers?unit=${CITY_CODE}&layer=${oneLayer[i % oneLayer.length]}`),
    );
    const allLayers = await timeEach(Array.from({ length: LAYER_RUNS }), () =>
      get(`/api/register/layers?unit=${CITY_CODE}`),
    );
    const counties = await timeEach(Array.from({ length: LAYER_RUNS }), () =>
      get(`/api/register/layers?unit=${CITY_CODE}&level=county`),
    );
    return { name, id, layers, allLayers, layersCold: cold[0]!, counties, found, cellsCounted };
  } finally {
    server.close();
    await closeContext(ctx);
  }
}

/**
 * Reads each query's rows once, untimed, so the API and the raw baseline both read from the
 * same page cache. Without it the API, timed first, paid the disk reads of a cold 5 GB file and
 * the raw baseline then found the pages in memory (a quiet run: name p50 155 ms against 7 ms).
 */
function warmPages(file: string, q: { names: string[]; ids: string[] }) {
  const cipher = createRegisterCipher(loadConfig({ DATA_DIR: dirname(file) }).registerKey.secret);
  const db = openRaw(file);
  const byName = db.prepare(
    `SELECT * FROM "Person" WHERE name >= ? AND name < ? ORDER BY createdAt DESC LIMIT 21`,
  );
  const byId = db.prepare(`SELECT * FROM "Person" WHERE idNumberIndex = ?`);
  const tags = db.prepare(`SELECT * FROM "PersonTag" WHERE personId IN (SELECT value FROM json_each(?))`);
  for (const n of q.names)
    tags.all(JSON.stringify((byName.all(n, `${n}\u{10FFFF}`) as { id: string }[]).map((r) => r.id)));
  for (const n of q.ids)
    tags.all(
      JSON.stringify((byId.all(cipher.blindIndex('idNumber', n)) as { id: string }[]).map((r) => r.id)),
    );
  db.close();
}

/** The same reads on better-sqlite3: what the API's queries cost without Prisma, HTTP or JSON. */
async function timeRaw(file: string, q: { names: string[]; ids: string[] }) {
  const cipher = createRegisterCipher(loadConfig({ DATA_DIR: dirname(file) }).registerKey.secret);
  const db = openRaw(file);
  const cols = `id, gridCode, name, idNumberMasked, phoneMasked, sex, birthDate, residence, createdAt`;
  const byName = db.prepare(
    `SELECT ${cols} FROM "Person" WHERE name >= ? AND name < ? AND archivedAt IS NULL AND anonymisedAt IS NULL
      ORDER BY createdAt DESC, id DESC LIMIT 21`,
  );
  const byId = db.prepare(
    `SELECT ${cols} FROM "Person" WHERE idNumberIndex = ? AND archivedAt IS NULL AND anonymisedAt IS NULL LIMIT 21`,
  );
  const tags = db.prepare(
    `SELECT personId, tagCode FROM "PersonTag" WHERE personId IN (SELECT value FROM json_each(?))`,
  );
  const withTags = (rows: { id: string }[]) => {
    tags.all(JSON.stringify(rows.map((r) => r.id)));
    return rows;
  };
  const name = await timeEach(q.names, (n) => withTags(byName.all(n, `${n}\u{10FFFF}`) as { id: string }[]));
  const id = await timeEach(q.ids, (n) =>
    withTags(byId.all(cipher.blindIndex('idNumber', n)) as { id: string }[]),
  );
  // The API's statements for the city per cell (list-register-layers.ts): one layer (a group
  // total through the (recordType, class, gridCode) index), and every layer packed per cell.
  const oneSql = db.prepare(
    `SELECT "gridCode" AS "code", SUM("count") AS "n" FROM "RegisterCount"
      WHERE "recordType" = 'PERSON' AND "class" = 'KEY' AND "gridCode" >= '3715' AND "gridCode" < '3715;'
      GROUP BY 1 HAVING SUM("count") > 0 ORDER BY 1`,
  );
  const allSql = db.prepare(
    `SELECT "code", group_concat("recordType" || ':' || "class" || '=' || "n", ',') AS "counts" FROM (
       SELECT "gridCode" AS "code", "recordType", "class", SUM("count") AS "n"
         FROM "RegisterCount" WHERE "gridCode" >= '3715' AND "gridCode" < '3715;'
        GROUP BY "gridCode", "recordType", "class") s
      WHERE "n" > 0 GROUP BY "code" ORDER BY "code"`,
  );
  const layers = await timeEach(Array.from({ length: LAYER_RUNS }), () => oneSql.all());
  const allLayers = await timeEach(Array.from({ length: LAYER_RUNS }), () => allSql.all());
  // What the count table saves: the per-cell recount of the whole city, once.
  const g0 = performance.now();
  const recount = db
    .prepare(
      `SELECT p.gridCode, t.tagCode, COUNT(*) FROM "Person" p LEFT JOIN "PersonTag" t ON t.personId = p.id
        WHERE p.archivedAt IS NULL AND p.anonymisedAt IS NULL GROUP BY p.gridCode, t.tagCode`,
    )
    .all().length;
  const groupByMs = performance.now() - g0;
  db.close();
  return { name, id, layers, allLayers, groupByMs, recount };
}

async function main() {
  const dir = join(tmpdir(), 'wangge-bench-register');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `v${VERSION}-${N}.db`);
  let generated: Generated | null = null;
  if (process.env.BENCH_REGISTER_FRESH || !existsSync(file)) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const building = join(dir, `building-${process.pid}.db`);
    console.log(`generating ${N.toLocaleString('en')} persons into ${file} …`);
    try {
      generated = await generate(building);
    } catch (error) {
      for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
      throw error;
    }
    for (const f of [`${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
    renameSync(building, file);
    console.log(JSON.stringify(generated));
  } else console.log(`reusing ${file}`);

  const db = openRaw(file);
  const persons = (db.prepare('SELECT COUNT(*) n FROM "Person"').get() as { n: number }).n;
  const countRows = (db.prepare('SELECT COUNT(*) n FROM "RegisterCount"').get() as { n: number }).n;
  const queries = sampleQueries(db);
  db.close();
  const load = loadavg()[0]!;
  warmPages(file, queries);
  const api = await timeApi(file, queries);
  const raw = await timeRaw(file, queries);
  const [an, ai, al, ac] = [
    summarize(api.name),
    summarize(api.id),
    summarize(api.layers),
    summarize(api.counties),
  ];
  const [rn, ri, rl] = [summarize(raw.name), summarize(raw.id), summarize(raw.layers)];
  const [aa, ra] = [summarize(api.allLayers), summarize(raw.allLayers)];
  const row = (metric: string, a: number, r: number, target: number | null): Row => ({
    metric,
    api: `${fmtMs(a)} ms`,
    raw: Number.isFinite(r) ? `${fmtMs(r)} ms` : '—',
    ratio: Number.isFinite(r) ? fmtX(a / r) : '—',
    target: target === null ? '' : `≤ ${target} ms`,
    pass: target === null ? null : a <= target,
  });
  const rows: Row[] = [
    row(`search by name prefix, p50 (${QUERIES} queries)`, an.p50, rn.p50, null),
    row(`search by name prefix, p99`, an.p99, rn.p99, SEARCH_TARGET_MS),
    row(`search by full ID number, p50 (${QUERIES} queries)`, ai.p50, ri.p50, null),
    row(`search by full ID number, p99`, ai.p99, ri.p99, SEARCH_TARGET_MS),
    row(`city layer counts per cell, one layer (the map), median of ${LAYER_RUNS}`, al.p50, rl.p50, null),
    row(`city layer counts per cell, one layer (the map), max`, al.max, rl.max, LAYERS_TARGET_MS),
    row(`city counts per cell, every layer at once, median of ${LAYER_RUNS}`, aa.p50, ra.p50, null),
    row('city layer counts, first request after start', api.layersCold, Number.NaN, null),
    row(`city layer counts per county, median`, ac.p50, Number.NaN, null),
    row(
      'per-cell GROUP BY over the register (what the count table saves), once',
      raw.groupByMs,
      Number.NaN,
      null,
    ),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${load.toFixed(1)} at start`;
  const header =
    `${persons.toLocaleString('en')} persons in ${api.cellsCounted.toLocaleString('en')} cells (${countRows.toLocaleString('en')} count rows); ` +
    `API over HTTP as the city 综治 centre (city.dispatcher); raw = the same SQL on better-sqlite3. ${machine}.`;
  console.log(`\n${header}\n${textTable(rows)}`);
  const found = `Searches found ${api.found.name.toLocaleString('en')} persons by name (first pages) and ${api.found.id} of ${QUERIES} by ID number.`;
  console.log(found);
  const result = {
    date: new Date().toISOString(),
    machine,
    persons,
    countRows,
    generated,
    api,
    raw,
    rows,
    found: api.found,
  };
  const out = join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'register.json'), `${JSON.stringify(result, null, 2)}\n`);
  const gen = generated
    ? `\nGenerated in ${generated.seconds.total.toFixed(0)} s: seed ${generated.seconds.seed.toFixed(0)} s, encryption + blind indexes ${generated.seconds.encrypt.toFixed(0)} s (inside) the insert ${generated.seconds.insert.toFixed(0)} s, indexes ${generated.seconds.index.toFixed(0)} s, count table (rebuildRegisterCounts) ${generated.seconds.counts.toFixed(0)} s; ${generated.tagged.toLocaleString('en')} persons tagged.\n`
    : '\nGeneration: reused a cached file.\n';
  writeFileSync(
    join(out, 'register.md'),
    `# Register benchmark\n\n${header}\n\n${markdownTable(rows)}\n\n${found}\n${gen}`,
  );
}

await main();
