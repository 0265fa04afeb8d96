import { createServer } from 'node:http';
import { seedIfEmpty } from '../../prisma/seed/seed-if-empty';
import { createApp } from './app';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { closeContext, createContext, reloadReferenceData } from './create-context';
import { attachRealtime } from './realtime/socket-server';
import { startAttachmentSweeps } from './services/attachments/sweep-attachments';
import { assertNoDemoPasswords, DemoPasswordError } from './services/auth/demo-password-check';
import { startRankingFreezes } from './services/evaluation/freeze-rankings';
import { startHotlineDeliveries } from './services/hotline/start-hotline-deliveries';
import { ensureRegisterCounts } from './services/register/ensure-register-counts';
import { startRegisterPurges } from './services/register/purge-archived-persons';
import { startTimerSweeps } from './services/timers/timer-scheduler';

/** Starts the API: config → database (migrated) → seed an empty database → listen. */
async function main() {
  const config = loadConfig();
  const ctx = await createContext(config, systemClock);
  if (config.seedDemo) {
    const seeded = await seedIfEmpty(ctx, { demoPassword: config.demoPassword, demoCases: true });
    if (seeded) {
      await reloadReferenceData(ctx);
      ctx.log(`Seeded demo data: ${seeded.grids} grid cells, ${seeded.users} users, ${seeded.cases} cases.`);
    }
  }
  // Production: never with an account still on the demo password.
  try {
    await assertNoDemoPasswords(ctx);
  } catch (error) {
    await closeContext(ctx);
    throw error;
  }
  await ensureRegisterCounts(ctx);
  // Statistics drift as cases pile up; stale ones made SQLite sort whole scopes.
  setInterval(
    () => void ctx.db.optimize().catch((error: Error) => ctx.log(`optimize failed: ${error.message}`)),
    6 * 3_600_000,
  ).unref();
  const server = createServer(createApp(ctx));
  const realtime = attachRealtime(server, ctx);
  await realtime.ready;
  const stopTimers = startTimerSweeps(ctx, config.timerSweepMs);
  const stopFreezes = startRankingFreezes(ctx);
  const stopAttachmentSweeps = startAttachmentSweeps(ctx);
  const stopRegisterPurges = startRegisterPurges(ctx);
  const stopHotlineDeliveries = startHotlineDeliveries(ctx);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    ctx.log(`网格 API listening on http://${config.host}:${port} (database ${ctx.db.label})`);
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Drain: health answers 503 at once, then new timers stop, sockets close (clients
    // reconnect to another node), requests in flight finish (at most 10 s), then the database.
    ctx.shuttingDown = true;
    stopTimers();
    stopFreezes();
    stopAttachmentSweeps();
    stopRegisterPurges();
    await stopHotlineDeliveries().catch((error: Error) => ctx.log(`hotline deliveries: ${error.message}`));
    await realtime.close();
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  // A refusal is a message for the operator, not a crash: no stack trace.
  console.error(error instanceof DemoPasswordError ? error.message : error);
  process.exit(1);
});
