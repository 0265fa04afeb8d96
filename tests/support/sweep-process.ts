// A separate API process for tests: opens the database file, waits for a shared start instant
// (so several processes sweep at the same moment), runs one timer sweep at the given clock time
// and prints what fired as JSON.
//   node --import tsx tests/support/sweep-process.ts <db file> <clock ISO time> <start epoch ms>
import { dirname } from 'node:path';
import { createManualClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { createContext } from '../../api/src/create-context';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';

const [file, at, startAt] = process.argv.slice(2);
if (!file || !at || !startAt) throw new Error('usage: sweep-process <db file> <clock ISO> <start epoch ms>');
const config = loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' });
const ctx = await createContext(config, createManualClock(new Date(at)), () => {});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const fired = await sweepTimers(ctx);
await ctx.db.close();
process.stdout.write(JSON.stringify(fired));
