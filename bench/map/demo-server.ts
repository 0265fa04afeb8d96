/**
 * The API with the demo data (300 cases walked through the workflow) and Socket.IO, for the
 * screenshot and live check in bench/map.ts:
 *
 *   node --import tsx bench/map/demo-server.ts <sqlite file>
 *
 * Seeds the file when empty (like `pnpm start` does), serves client/dist on 127.0.0.1:0 and
 * prints `{"port":N}`. SIGTERM or a closed IPC channel stops it.
 */
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { createApp } from '../../api/src/app';
import { systemClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { createContext } from '../../api/src/create-context';
import { attachRealtime } from '../../api/src/realtime/socket-server';
import { seedIfEmpty } from '../../prisma/seed/seed-if-empty';

async function main(file: string) {
  const config = loadConfig({
    DATA_DIR: dirname(file),
    DATABASE_URL: `file:${file}`,
    SEED_DEMO: 'false',
    DEMO_PASSWORD: 'demo1234',
  });
  const ctx = await createContext(config, systemClock, (line) => process.stderr.write(`[api] ${line}\n`));
  await seedIfEmpty(ctx, { demoPassword: 'demo1234', demoCases: true });
  const server = createServer(createApp(ctx));
  const realtime = attachRealtime(server, ctx);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const stop = async () => {
    await realtime.close();
    server.closeAllConnections();
    server.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/map/demo-server.ts <sqlite file>');
  process.exit(2);
}
main(file).catch((error) => {
  console.error(error);
  process.exit(1);
});
