import { createManualClock } from '/work/main/api/src/clock';
import { loadConfig } from '/work/main/api/src/config';
import { closeContext, createContext } from '/work/main/api/src/create-context';
import { rebuildRegisterCounts } from '/work/main/api/src/services/register/rebuild-register-counts';

const file = '/tmp/wangge-bench-register/v2-6000000.db';
const ctx = await createContext(
  loadConfig({ DATA_DIR: '/tmp/wangge-bench-register', DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' }),
  createManualClock(new Date('2026-12-01T02:00:00Z')),
  () => {},
);
const t = Date.now();
const rows = await rebuildRegisterCounts(ctx);
console.log(`rebuilt ${rows} rows in ${Date.now() - t} ms`);
await closeContext(ctx);
