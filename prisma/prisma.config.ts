// Config for the Prisma CLI, used only by prisma/scripts/new-migration.mjs to generate SQL
// migrations. `engine: 'js'` + an adapter makes the CLI use its bundled WebAssembly schema
// engine; the native one would have to be downloaded (docs/architecture.md).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.PRISMA_SCHEMA_PATH ?? 'schema.prisma',
  async adapter() {
    return new PrismaBetterSQLite3({ url: ':memory:' });
  },
});
