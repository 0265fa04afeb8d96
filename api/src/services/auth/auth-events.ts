import type { AuthEventKind } from '@wangge/shared/schemas/auth';
import type { Tx } from '../../db/database';

/** Who asked, as far as the request tells (for the sign-in audit). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

const cut = (s: string | null | undefined, max: number) => (s == null ? null : [...s].slice(0, max).join(''));

/** Appends one row to the sign-in audit (AuthEvent), inside the caller's transaction. */
export async function recordAuthEvent(
  tx: Tx,
  event: {
    at: Date;
    outcome: AuthEventKind;
    username: string;
    userId?: string | null;
    actorId?: string | null;
    origin?: RequestOrigin | null;
  },
): Promise<void> {
  await tx.authEvent.create({
    data: {
      at: event.at,
      outcome: event.outcome,
      username: cut(event.username, 64) ?? '',
      userId: event.userId ?? null,
      actorId: event.actorId ?? null,
      ip: cut(event.origin?.ip, 64),
      userAgent: cut(event.origin?.userAgent, 256),
    },
  });
}
