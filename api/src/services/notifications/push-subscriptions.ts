import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';

/**
 * Keeps a browser's push subscription for the caller. An endpoint belongs to one browser: if
 * another account subscribed it before (a shared phone), it now belongs to the caller.
 */
export async function savePushSubscription(
  ctx: AppContext,
  user: AuthUser,
  s: { endpoint: string; keys: { p256dh: string; auth: string } },
) {
  await ctx.db.transaction((tx) =>
    tx.pushSubscription.upsert({
      where: { endpoint: s.endpoint },
      create: { userId: user.id, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth },
      update: { userId: user.id, p256dh: s.keys.p256dh, auth: s.keys.auth },
    }),
  );
}

/** Forgets the caller's subscription at `endpoint` (someone else's is left alone). */
export async function removePushSubscription(ctx: AppContext, user: AuthUser, endpoint: string) {
  await ctx.db.transaction((tx) => tx.pushSubscription.deleteMany({ where: { endpoint, userId: user.id } }));
}
