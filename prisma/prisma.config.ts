// Config for the Prisma 6.19 CLI (the `prisma6` alias), used only by
// prisma/scripts/new-migration.mjs to generate SQL migrations. `engine: 'js'` + an adapter
// makes the CLI use its bundled WebAssembly schema engine; the native one would have to be
// downloaded (docs/architecture.md). The app itself runs the Prisma 7 client.

import { defineConfig } from 'prisma6/config';
import { PrismaBetterSQLite3 } from 'prisma6-adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.PRISMA_SCHEMA_PATH ?? 'schema.prisma',
  async adapter() {
    return new PrismaBetterSQLite3({ url: ':memory:' });
  },
});
