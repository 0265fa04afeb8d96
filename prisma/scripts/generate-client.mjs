// Generates the Prisma 7 client offline. Prisma's CLI wants a native schema-engine binary it
// would download from a host this project never relies on; `generate` does not use it, and
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops the download (see
// docs/architecture.md: "Database and migrations").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const placeholder = fileURLToPath(new URL('../../package.json', import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const generate = (schema) =>
  spawnSync('npx', ['prisma', 'generate', '--schema', schema], { stdio: 'inherit', env }).status ?? 1;

// The SQLite client from the schema as written; the PostgreSQL client (same models, same API)
// from the schema with its datasource switched, into api/src/generated/prisma-pg.
const pgDir = `${here}../.postgresql`;
mkdirSync(pgDir, { recursive: true });
const text = readFileSync(`${here}../schema.prisma`, 'utf8');
const pgSchema = text
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(
    'output       = "../api/src/generated/prisma"',
    'output       = "../../api/src/generated/prisma-pg"',
  );
if (!pgSchema.includes('prisma-pg') || !pgSchema.includes('"postgresql"')) {
  console.error('generate-client: could not derive the PostgreSQL schema from schema.prisma');
  process.exit(1);
}
writeFileSync(`${pgDir}/schema.prisma`, pgSchema);
process.exit(generate(`${here}../schema.prisma`) || generate(`${pgDir}/schema.prisma`));
