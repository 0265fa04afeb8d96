import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/open-database';
import type { CaseEventBus } from './realtime/case-event-bus';
import type { LoginThrottle } from './services/auth/login-throttle';
import type { SessionCache } from './services/auth/session-cache';
import type { CitizenLimits } from './services/citizens/citizen-limits';
import type { GridLocator } from './services/grids/grid-locator';
import type { PushSender } from './services/notifications/web-push';
import type { Open311Limits } from './services/open311/open311-limits';
import type { Deadlines } from './services/reference/deadlines';
import type { ReferenceCache } from './services/reference/reference-cache';
import type { RegisterCipher } from './services/register/register-cipher';

/** Everything a service needs, injected (no module-level state). */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  deadlines: Deadlines;
  grids: GridLocator;
  events: CaseEventBus;
  loginThrottle: LoginThrottle;
  /** Open311's per-key and per-address rate limits. */
  open311Limits: Open311Limits;
  /** The public citizens' page's per-address rate limits. */
  citizenLimits: CitizenLimits;
  sessions: SessionCache;
  reference: ReferenceCache;
  /** Encrypts and blind-indexes the register's ID numbers and phones (REGISTER_DATA_KEY). */
  registerCipher: RegisterCipher;
  /** Web Push to subscribed phones for the events this node commits (off without VAPID keys). */
  push: PushSender;
  log: (line: string) => void;
  /** Set when the node is stopping: health answers 503 so load balancers drain it. */
  shuttingDown: boolean;
}
