import type { Agent } from 'node:https';
import { redactSensitive } from '@wangge/shared/register/redact';
import type { Clock } from './clock';
import type { Config } from './config';
import type { AppContext } from './context';
import { openDatabase } from './db/open-database';
import { createCaseEventBus } from './realtime/case-event-bus';
import { createLoginThrottle } from './services/auth/login-throttle';
import { createSessionCache } from './services/auth/session-cache';
import { createCitizenLimits } from './services/citizens/citizen-limits';
import { createGridLocator } from './services/grids/grid-locator';
import { createPushSender } from './services/notifications/web-push';
import { createOpen311Limits } from './services/open311/open311-limits';
import { createDeadlines } from './services/reference/deadlines';
import { createReferenceCache } from './services/reference/reference-cache';
import { createRegisterCipher } from './services/register/register-cipher';

/** Opens the database (migrating it) and builds the services' context. */
export async function createContext(
  config: Config,
  clock: Clock,
  log = console.log,
  options: { pushAgent?: Agent } = {},
): Promise<AppContext> {
  // Every line this process logs passes here: ID numbers and phones are masked in it.
  const rawLog = log;
  log = (line: string) => rawLog(redactSensitive(line));
  const db = await openDatabase(config.databaseUrl, { poolSize: config.pgPoolSize });
  const events = createCaseEventBus();
  const push = createPushSender(db, config, log, options.pushAgent);
  // Only the node that committed an event pushes it (the bus is local; Redis carries the rest).
  if (config.registerKey.development)
    log(
      'WARNING: REGISTER_DATA_KEY is not set: the register encrypts ID numbers and phones with a public development key. Set it (openssl rand -base64 32) before recording real people; production refuses to start without it.',
    );
  if (push.enabled) events.subscribe((committed) => void push.send(committed));
  return {
    config,
    db,
    clock,
    deadlines: await createDeadlines(db.read),
    grids: await createGridLocator(db.read),
    events,
    push,
    loginThrottle: createLoginThrottle({ redisUrl: config.redisUrl, prefix: config.redisPrefix, log }),
    open311Limits: createOpen311Limits({
      ...config.open311,
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      log,
    }),
    citizenLimits: createCitizenLimits({
      ...config.citizens,
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      log,
    }),
    sessions: createSessionCache(),
    reference: await createReferenceCache(db.read),
    registerCipher: createRegisterCipher(config.registerKey.secret),
    log,
    shuttingDown: false,
  };
}

/** Reloads caches derived from reference data (after seeding or an admin change). */
export async function reloadReferenceData(ctx: AppContext): Promise<void> {
  await Promise.all([ctx.deadlines.reload(), ctx.grids.reload(), ctx.reference.reload()]);
}

/** Releases what the context holds (the throttle's Redis connection, the database), so a process can end. */
export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.loginThrottle.close();
  await ctx.open311Limits.close();
  await ctx.citizenLimits.close();
  await ctx.db.close();
}
