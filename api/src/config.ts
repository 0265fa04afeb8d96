import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  /** Joins several API nodes' Socket.IO servers (redis://…); unset for a single node. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of the Redis channels, so several systems (or test clusters) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits, _ . : -')
    .default('wangge'),
  /** PostgreSQL connections per API node (Prisma's pool; intake has half as many of its own). */
  PG_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** How often the timer sweep runs (ms). */
  TIMER_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Database file and attachments (default data/ at the top of the checkout). */
  DATA_DIR: z.string().min(1).optional(),
  /** "false" turns off seeding demo data into an empty database; default false in production. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().optional(),
  /** Express's `trust proxy`: unset/false, true, a hop count, or names/addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, c) => parseTrustProxy(v, c)),
  DEMO_PASSWORD: z.string().min(8).default('demo1234'),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  /** Bytes one user may upload per day (photos and documents), in MB. */
  UPLOAD_QUOTA_MB: z.coerce.number().positive().max(100_000).default(200),
  /** Origins allowed as images besides this one (base-map tiles), comma-separated https:// origins. */
  CSP_IMG_ORIGINS: z
    .string()
    .regex(
      /^(https:\/\/[A-Za-z0-9.-]+(:\d+)?)(,https:\/\/[A-Za-z0-9.-]+(:\d+)?)*$/,
      'must be https:// origins, comma-separated',
    )
    .optional(),
  /** Largest grid file POST /api/admin/grids/import accepts (413 above). */
  GRID_IMPORT_MAX_MB: z.coerce.number().positive().max(1024).default(50),
  /** The built web client served at / (default client/dist of this checkout). */
  CLIENT_DIR: z.string().min(1).optional(),
  /**
   * Web Push (VAPID) keys, as `npx web-push generate-vapid-keys` prints them, and a contact
   * (mailto: or https:) for push services. Unset: no Web Push (the bell still works).
   */
  WEB_PUSH_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url VAPID public key')
    .optional(),
  WEB_PUSH_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url VAPID private key')
    .optional(),
  WEB_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// contact')
    .optional(),
  /**
   * The register's secret (32 bytes, base64): ID numbers and phones are encrypted with a key
   * derived from it, and their blind indexes keyed by another. Required in production.
   */
  REGISTER_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(v), {
      message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
    })
    .optional(),
  /** Days an archived register record is kept before it is purged. */
  REGISTER_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  /**
   * The secret shared with the external 12345 platform: requests both ways are signed with
   * HMAC-SHA256 under it (docs/channels.md). Unset: the order endpoint answers 503 and nothing
   * is sent.
   */
  HOTLINE_PLATFORM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The platform's webhook for status notifications (http:// only for a local receiver). */
  HOTLINE_PLATFORM_WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  /** How long one webhook call may take before it counts as failed (ms). */
  HOTLINE_PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How often the outbox is delivered (ms). */
  HOTLINE_DELIVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Attempts before a delivery is marked FAILED (an admin can retry it). */
  HOTLINE_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** Open311's jurisdiction_id for this city (docs/channels.md); any other is refused. */
  OPEN311_JURISDICTION_ID: z
    .string()
    .regex(/^[a-z0-9.-]{1,100}$/, 'must be a lower-case domain-like id, e.g. liaocheng.gov.cn')
    .default('liaocheng.gov.cn'),
  /** Open311 service requests one api_key may post per hour. */
  OPEN311_POSTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Open311 reads (public) one client address may make per minute. */
  OPEN311_READS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Reports the public citizens' page takes from one client address per hour. */
  CITIZEN_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Photos the public citizens' page takes from one client address per hour. */
  CITIZEN_PHOTOS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** Public tracking reads one client address may make per minute. */
  CITIZEN_READS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as express takes it: false/true, a hop count, or a list of names/addresses/CIDRs. */
function parseTrustProxy(value: string | undefined, c: z.RefinementCtx): boolean | number | string[] {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(',').map((s) => s.trim());
  for (const item of items) {
    const [address = '', bits, ...rest] = item.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const ok =
      PROXY_NAMES.has(item) ||
      (family !== 0 &&
        rest.length === 0 &&
        (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max) || isIP(bits) === 4));
    if (!ok) {
      c.addIssue({
        code: 'custom',
        message: `"${item}" is not a hop count, true/false, loopback/linklocal/uniquelocal, an IP address or a CIDR`,
      });
    }
  }
  return items;
}

/** log2 of scrypt's N for new password hashes (N = 2^15 by default, ~50–100 ms a hash). */
export const DEFAULT_PASSWORD_HASH_COST = 15;

/**
 * PASSWORD_HASH_COST: log2 of scrypt's N for new password hashes, 4–17, default 15. Values
 * below 15 are for tests (cheap logins) and are refused when NODE_ENV=production. Throws a
 * message naming the variable.
 */
export function passwordHashCost(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PASSWORD_HASH_COST?.trim();
  if (!raw) return DEFAULT_PASSWORD_HASH_COST;
  const cost = Number(raw);
  if (!/^\d+$/.test(raw) || cost < 4 || cost > 17)
    throw new Error(`PASSWORD_HASH_COST: "${raw}" is not an integer from 4 to 17 (log2 of scrypt's N)`);
  if (cost < DEFAULT_PASSWORD_HASH_COST && env.NODE_ENV === 'production')
    throw new Error(
      `PASSWORD_HASH_COST: ${cost} is below ${DEFAULT_PASSWORD_HASH_COST}, refused in production (cheap hashes are for tests only); unset it`,
    );
  return cost;
}

/**
 * Stands in for REGISTER_DATA_KEY outside production, so a development or test database
 * works without setup. Public (it is in the source): data encrypted with it is not protected.
 */
const DEVELOPMENT_REGISTER_SECRET = 'wangge development register key, not a secret!';

/** A database or Redis URL without its password, for logs and errors. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');

/** Settings from the environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | null;
  redisPrefix: string;
  pgPoolSize: number;
  timerSweepMs: number;
  dataDir: string;
  attachmentsDir: string;
  seedDemo: boolean;
  /** NODE_ENV=production: no demo seeding by default, refuses to start with demo passwords. */
  production: boolean;
  /** Express's `trust proxy` setting, so req.ip is the client behind a load balancer. */
  trustProxy: boolean | number | string[];
  demoPassword: string;
  tokenTtlHours: number;
  maxUploadBytes: number;
  uploadQuotaBytes: number;
  cspImgOrigins: string[];
  gridImportMaxBytes: number;
  clientDir: string;
  /**
   * The register's secret; `development` when REGISTER_DATA_KEY was unset outside production
   * and a fixed development key stands in (a loud warning at start).
   */
  registerKey: { secret: Buffer; development: boolean };
  /** Days archived register records are kept before the purge. */
  registerRetentionDays: number;
  /** Open311 GeoReport v2 (docs/channels.md): the jurisdiction and the rate limits. */
  open311: { jurisdictionId: string; postsPerHour: number; readsPerMinute: number };
  /** The public citizens' page's limits per client address. */
  citizens: { reportsPerHour: number; photosPerHour: number; readsPerMinute: number };
  /** Web Push keys and contact, or null when Web Push is off. */
  webPush: { publicKey: string; privateKey: string; subject: string } | null;
  /** The external 12345 platform's exchange (docs/channels.md); `secret` null when off. */
  hotlinePlatform: {
    secret: string | null;
    webhookUrl: string | null;
    timeoutMs: number;
    intervalMs: number;
    maxAttempts: number;
  };
}

/** Reads and validates the environment; throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  try {
    passwordHashCost(env);
  } catch (error) {
    lines.push(`  ${(error as Error).message}`);
  }
  if (
    parsed.success &&
    Boolean(parsed.data.WEB_PUSH_PUBLIC_KEY) !== Boolean(parsed.data.WEB_PUSH_PRIVATE_KEY)
  )
    lines.push('  WEB_PUSH_PUBLIC_KEY and WEB_PUSH_PRIVATE_KEY: set both or neither');
  if (parsed.success && parsed.data.NODE_ENV === 'production' && !parsed.data.REGISTER_DATA_KEY)
    lines.push(
      '  REGISTER_DATA_KEY: required in production (32 bytes in base64: openssl rand -base64 32); the register encrypts ID numbers and phones with it',
    );
  if (
    parsed.success &&
    parsed.data.NODE_ENV === 'production' &&
    parsed.data.HOTLINE_PLATFORM_WEBHOOK_URL?.startsWith('http://')
  )
    lines.push(
      '  HOTLINE_PLATFORM_WEBHOOK_URL: must be https:// in production (the notifications name cases)',
    );
  if (!parsed.success || lines.length > 0) throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  const e = parsed.data;
  const dataDir = e.DATA_DIR ? resolve(e.DATA_DIR) : fileURLToPath(new URL('../../data', import.meta.url));
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? `file:${resolve(dataDir, 'wangge.db')}`,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    pgPoolSize: e.PG_POOL_SIZE,
    timerSweepMs: e.TIMER_SWEEP_MS,
    dataDir,
    attachmentsDir: resolve(dataDir, 'attachments'),
    seedDemo: (e.SEED_DEMO ?? (e.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
    production: e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    demoPassword: e.DEMO_PASSWORD,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    uploadQuotaBytes: Math.round(e.UPLOAD_QUOTA_MB * 1024 * 1024),
    cspImgOrigins: e.CSP_IMG_ORIGINS ? e.CSP_IMG_ORIGINS.split(',') : [],
    gridImportMaxBytes: Math.round(e.GRID_IMPORT_MAX_MB * 1024 * 1024),
    clientDir: e.CLIENT_DIR
      ? resolve(e.CLIENT_DIR)
      : fileURLToPath(new URL('../../client/dist', import.meta.url)),
    registerKey: e.REGISTER_DATA_KEY
      ? { secret: Buffer.from(e.REGISTER_DATA_KEY, 'base64'), development: false }
      : { secret: Buffer.from(DEVELOPMENT_REGISTER_SECRET, 'utf8'), development: true },
    registerRetentionDays: e.REGISTER_RETENTION_DAYS,
    open311: {
      jurisdictionId: e.OPEN311_JURISDICTION_ID,
      postsPerHour: e.OPEN311_POSTS_PER_HOUR,
      readsPerMinute: e.OPEN311_READS_PER_MINUTE,
    },
    citizens: {
      reportsPerHour: e.CITIZEN_REPORTS_PER_HOUR,
      photosPerHour: e.CITIZEN_PHOTOS_PER_HOUR,
      readsPerMinute: e.CITIZEN_READS_PER_MINUTE,
    },
    webPush:
      e.WEB_PUSH_PUBLIC_KEY && e.WEB_PUSH_PRIVATE_KEY
        ? {
            publicKey: e.WEB_PUSH_PUBLIC_KEY,
            privateKey: e.WEB_PUSH_PRIVATE_KEY,
            subject: e.WEB_PUSH_SUBJECT ?? 'mailto:admin@localhost',
          }
        : null,
    hotlinePlatform: {
      secret: e.HOTLINE_PLATFORM_SECRET ?? null,
      webhookUrl: e.HOTLINE_PLATFORM_WEBHOOK_URL ?? null,
      timeoutMs: e.HOTLINE_PLATFORM_TIMEOUT_MS,
      intervalMs: e.HOTLINE_DELIVERY_MS,
      maxAttempts: e.HOTLINE_DELIVERY_MAX_ATTEMPTS,
    },
  };
}
