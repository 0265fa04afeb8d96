import { mkdirSync, rmSync } from 'node:fs';
import { systemClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { createContext } from '../../api/src/create-context';
import { seedIfEmpty } from '../../prisma/seed/seed-if-empty';
import { ARTIFACTS_DIR, DEMO_PASSWORD, TEMPLATE_DB } from './paths';

/** Builds the template database once per run: migrations + Liaocheng reference data + demo users. */
export default async function setup() {
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const config = loadConfig({ DATA_DIR: ARTIFACTS_DIR, DATABASE_URL: `file:${TEMPLATE_DB}` });
  const ctx = await createContext(config, systemClock, () => {});
  await seedIfEmpty(ctx, { demoPassword: DEMO_PASSWORD, demoCases: false });
  await ctx.db.write.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await ctx.db.close();
}
