import { randomBytes } from 'node:crypto';
import type { TIssueOpen311Key } from '@wangge/shared/schemas/open311';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { hashOpen311Key } from './hash-key';

/**
 * Issues an api_key for an Open311 client (a FixMyStreet site, a city app). The key is
 * returned once, here; only its hash and first characters are kept.
 */
export async function issueOpen311Key(
  ctx: AppContext,
  admin: AuthUser,
  input: TIssueOpen311Key,
): Promise<{ id: string; name: string; key: string }> {
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const row = await ctx.db.write.open311Key.create({
    data: {
      name: input.name,
      keyHash: hashOpen311Key(key),
      keyPrefix: key.slice(0, 9),
      createdById: admin.id,
      createdAt: ctx.clock.now(),
    },
    select: { id: true, name: true },
  });
  return { ...row, key };
}
