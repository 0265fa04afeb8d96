import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { closeContext, createContext } from '../create-context';
import { rebuildRegisterCounts } from '../services/register/rebuild-register-counts';
import { reportCliError } from './cli-support';

/**
 * pnpm register:recount — recounts the 综治一张图 layer counts of every cell from the register
 * tables (after data was written around the API, or to repair them). Safe while the API runs.
 */
async function main() {
  let ctx: Awaited<ReturnType<typeof createContext>> | undefined;
  try {
    ctx = await createContext(loadConfig(), systemClock, () => undefined);
    const started = Date.now();
    const rows = await rebuildRegisterCounts(ctx);
    console.log(`register counts rebuilt: ${rows} rows in ${Date.now() - started} ms`);
  } catch (error) {
    reportCliError(error);
  } finally {
    if (ctx) await closeContext(ctx);
  }
}

void main();
