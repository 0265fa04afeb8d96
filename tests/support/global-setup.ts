import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import { closeContext, createContext } from '../../api/src/create-context';
import { seedIfEmpty } from '../../prisma/seed/seed-if-empty';
import { ARTIFACTS_DIR, DEMO_PASSWORD } from './paths';
import { dropTemplate, newTemplate, type TemplateRef } from './test-database';

/** The run's template, shared by every project that lists this global setup (api, e2e). */
interface Shared {
  ready: Promise<{ runDir: string; template: TemplateRef }>;
  users: number;
}
const KEY = Symbol.for('wangge.tests.template');
const registry = globalThis as { [KEY]?: Shared };

/**
 * Builds the template database once per run, in a folder of its own (runs may overlap), on
 * SQLite or, with TEST_POSTGRES_URL, on PostgreSQL (test-database.ts):
 * migrations + Liaocheng reference data + demo users, no cases. Vitest runs a project's
 * global setups per project, in one process: the second project (e2e) gets the template the
 * first one built, and the last teardown removes it.
 */
export default async function setup(project: TestProject) {
  registry[KEY] ??= { ready: build(), users: 0 };
  const shared = registry[KEY];
  shared.users++;
  const { runDir, template } = await shared.ready;
  project.provide('runDir', runDir);
  project.provide('template', template);
  return async () => {
    if (--shared.users > 0) return;
    if (registry[KEY] === shared) delete registry[KEY];
    await dropTemplate(template);
    rmSync(runDir, { recursive: true, force: true });
  };
}

async function build(): Promise<{ runDir: string; template: TemplateRef }> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const runDir = mkdtempSync(join(ARTIFACTS_DIR, 'run-'));
  const template = await newTemplate(runDir);
  const config = loadConfig({ DATA_DIR: runDir, DATABASE_URL: template.url });
  const ctx = await createContext(config, systemClock, () => {});
  await seedIfEmpty(ctx, { demoPassword: DEMO_PASSWORD, demoCases: false });
  if (ctx.db.provider === 'sqlite') await ctx.db.write.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await closeContext(ctx);
  return { runDir, template: template.ref };
}
