// A separate API process for tests: opens the database (SQLite file or PostgreSQL URL), waits for a shared start instant
// (so several processes sweep at the same moment), runs one timer sweep at the given clock time
// and prints what fired as JSON.
//   node --import tsx tests/support/sweep-process.ts <database URL> <clock ISO time> <start epoch ms>
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { closeContext, createContext } from '../../api/src/create-context';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';

const [url, at, startAt] = process.argv.slice(2);
if (!url || !at || !startAt)
  throw new Error('usage: sweep-process <database URL> <clock ISO> <start epoch ms>');
const config = loadConfig({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'sweep-')),
  DATABASE_URL: url,
  SEED_DEMO: 'false',
});
const ctx = await createContext(config, createManualClock(new Date(at)), () => {});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const fired = await sweepTimers(ctx);
await closeContext(ctx);
process.stdout.write(JSON.stringify(fired));
