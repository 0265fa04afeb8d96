import { resolve } from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  /** "false" turns off seeding demo data into an empty database (production). */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_PASSWORD: z.string().min(8).default('demo1234'),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
});

/** Settings from the environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  attachmentsDir: string;
  seedDemo: boolean;
  demoPassword: string;
  tokenTtlHours: number;
  maxUploadBytes: number;
}

/** Reads and validates the environment; throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? `file:${resolve(dataDir, 'wangge.db')}`,
    dataDir,
    attachmentsDir: resolve(dataDir, 'attachments'),
    seedDemo: e.SEED_DEMO === 'true',
    demoPassword: e.DEMO_PASSWORD,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
  };
}
