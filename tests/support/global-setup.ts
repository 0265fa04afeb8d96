import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { createContext } from '../../api/src/create-context';
import { seedIfEmpty } from '../../prisma/seed/seed-if-empty';
import { ARTIFACTS_DIR, DEMO_PASSWORD } from './paths';
import { dropTemplate, newTemplate } from './test-database';

/**
 * Builds the template database once per run, in a folder of its own (runs may overlap), on
 * SQLite or, with TEST_POSTGRES_URL, on PostgreSQL (test-database.ts):
 * migrations + Liaocheng reference data + demo users, no cases. Removed after the run.
 */
export default async function setup(project: TestProject) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const runDir = mkdtempSync(join(ARTIFACTS_DIR, 'run-'));
  const template = await newTemplate(runDir);
  const config = loadConfig({ DATA_DIR: runDir, DATABASE_URL: template.url });
  const ctx = await createContext(config, systemClock, () => {});
  await seedIfEmpty(ctx, { demoPassword: DEMO_PASSWORD, demoCases: false });
  if (ctx.db.provider === 'sqlite') await ctx.db.write.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await ctx.db.close();
  project.provide('runDir', runDir);
  project.provide('template', template.ref);
  return async () => {
    await dropTemplate(template.ref);
    rmSync(runDir, { recursive: true, force: true });
  };
}
