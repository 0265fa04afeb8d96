import { CITY_CODE } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';

/**
 * The account a channel without a person behind it reports through (docs/channels.md): an
 * external 12345 platform's work orders, Open311 clients, the citizens' page. A city-level
 * HOTLINE account named `channel.<name>`, created on first use; it has no password (an empty
 * hash never verifies), so nobody can sign in as it, and an admin can still disable it. Case
 * reads, idempotency keys and the case log then treat channel reports like any other.
 */
export async function channelUser(ctx: AppContext, name: string, displayName: string): Promise<AuthUser> {
  const username = `channel.${name}`;
  const user = await ctx.db.write.user.upsert({
    where: { username },
    update: {},
    create: { username, displayName, passwordHash: '', role: 'HOTLINE', unitCode: CITY_CODE },
    select: { id: true, username: true, displayName: true, role: true, unitCode: true, isActive: true },
  });
  if (!user.isActive) throw new AppError('FORBIDDEN', `The ${name} channel's account is disabled.`);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitCode: user.unitCode,
    departmentId: null,
    gridCodes: [],
    sessionId: '',
  };
}
