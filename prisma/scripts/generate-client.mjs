// Generates the Prisma client offline. Prisma's CLI wants native engine binaries it would
// download from a host this project never relies on; pointing these variables at an existing
// file makes it fall back to its bundled WebAssembly engines (see docs/architecture.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const placeholder = fileURLToPath(new URL('../../package.json', import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync('npx', ['prisma', 'generate', '--schema', `${here}../schema.prisma`], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
