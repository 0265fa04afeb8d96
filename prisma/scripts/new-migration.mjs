// Writes the next SQL migration for both providers from the one Prisma schema.
//   node prisma/scripts/new-migration.mjs <name>   → prisma/migrations/<provider>/NNNN_<name>.sql
//   node prisma/scripts/new-migration.mjs --check  → exit 1 if schema.prisma has unmigrated changes
// The schema as of the last migration is kept in prisma/migrations/schema-snapshot.prisma and
// diffed with `prisma migrate diff` (schema to schema: no database, no shadow database).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = join(prismaDir, 'schema.prisma');
const snapshotPath = join(prismaDir, 'migrations', 'schema-snapshot.prisma');
const placeholder = join(prismaDir, '..', 'package.json');
const PROVIDERS = ['sqlite', 'postgresql'];

/**
 * The schema text with its datasource switched to `provider`. Prisma 7 forbids a `url` in the
 * schema; the 6.19 CLI that diffs (below) wants one, so a placeholder is put in (never used:
 * the diff is schema to schema).
 */
function schemaFor(text, provider) {
  const url = provider === 'sqlite' ? 'file:./unused.db' : 'postgresql://localhost/unused';
  return text
    .replace(/url\s*=\s*"[^"]*"\n/, '')
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"\n  url      = "${url}"`);
}

// Prisma 7's migration CLI needs a native schema engine that cannot be downloaded here
// (../shared/docs/toolchain.md); 6.19's runs on its bundled WebAssembly engine. Installed as the
// `prisma6` alias beside the Prisma 7 client; only `migrate diff` uses it.
const prisma6 = fileURLToPath(import.meta.resolve('prisma6/build/index.js'));

function diff(fromText, toText, provider) {
  const dir = join(tmpdir(), `wangge-migrate-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const to = join(dir, `to-${provider}.prisma`);
  writeFileSync(to, schemaFor(toText, provider));
  const from = ['--from-empty'];
  if (fromText !== null) {
    const fromPath = join(dir, `from-${provider}.prisma`);
    writeFileSync(fromPath, schemaFor(fromText, provider));
    from.splice(0, 1, '--from-schema-datamodel', fromPath);
  }
  const args = [prisma6, 'migrate', 'diff', '--config', join(prismaDir, 'prisma.config.ts')];
  const result = spawnSync(process.execPath, [...args, ...from, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`prisma migrate diff failed for ${provider}`);
  }
  return result.stdout.trim();
}

const isEmpty = (sql) => sql === '' || sql.includes('This is an empty migration');
const current = readFileSync(schemaPath, 'utf8');
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
const arg = process.argv[2];

if (arg === '--check') {
  const pending = PROVIDERS.filter((p) => !isEmpty(diff(previous, current, p)));
  if (pending.length > 0) {
    console.error(`schema.prisma has changes without a migration (${pending.join(', ')}).`);
    console.error('Run: node prisma/scripts/new-migration.mjs <name>');
    process.exit(1);
  }
  console.log('migrations are up to date with schema.prisma');
  process.exit(0);
}

if (!arg || !/^[a-z0-9_]+$/.test(arg)) {
  console.error('usage: node prisma/scripts/new-migration.mjs <snake_case_name> | --check');
  process.exit(2);
}
const scripts = PROVIDERS.map((p) => [p, diff(previous, current, p)]);
if (scripts.every(([, sql]) => isEmpty(sql))) {
  console.log('No schema changes: nothing to write.');
  process.exit(0);
}
for (const [provider, sql] of scripts) {
  const dir = join(prismaDir, 'migrations', provider);
  mkdirSync(dir, { recursive: true });
  const next = readdirSync(dir).filter((f) => f.endsWith('.sql')).length + 1;
  const file = join(dir, `${String(next).padStart(4, '0')}_${arg}.sql`);
  writeFileSync(file, `${sql}\n`);
  console.log(`wrote ${file}`);
}
writeFileSync(snapshotPath, current);
