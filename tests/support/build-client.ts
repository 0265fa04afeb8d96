import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the web client into client/dist (what the API serves), once per test run. */
export async function buildClient() {
  const root = fileURLToPath(new URL('../../client', import.meta.url));
  await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
}
