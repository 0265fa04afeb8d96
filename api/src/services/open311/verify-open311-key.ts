import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { hashOpen311Key } from './hash-key';

/**
 * The key id behind an Open311 api_key, counted against its hourly limit; 403 for a missing,
 * unknown or revoked key (the specification's answer to a bad key).
 */
export async function verifyOpen311Key(ctx: AppContext, apiKey: unknown): Promise<string> {
  const row =
    typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 200
      ? await ctx.db.read.open311Key.findUnique({
          where: { keyHash: hashOpen311Key(apiKey) },
          select: { id: true, revokedAt: true },
        })
      : null;
  if (!row || row.revokedAt)
    throw new AppError(
      'FORBIDDEN',
      apiKey ? 'api_key is unknown or revoked.' : 'api_key is required to submit a service request.',
    );
  await ctx.open311Limits.post(row.id);
  return row.id;
}
