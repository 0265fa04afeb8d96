import type { AppContext } from '../../context';
import { verifyPassword } from './password';

/** At most this many distinct password hashes are verified at start (scrypt: ~50–100 ms each). */
const MAX_HASHES = 100;
/** Accounts looked at (oldest first: the seeded demo accounts come first). */
const MAX_ACCOUNTS = 2_000;

/**
 * The active accounts whose password is still `demoPassword`. Accounts sharing a hash (the seed
 * gives every demo account the same one) cost one verification; at most MAX_HASHES distinct
 * hashes are checked, the oldest accounts first. `complete` is false when the bound cut it short.
 */
export async function findDemoPasswordAccounts(
  ctx: AppContext,
  demoPassword: string,
): Promise<{ usernames: string[]; complete: boolean }> {
  const users = await ctx.db.read.user.findMany({
    where: { isActive: true },
    orderBy: [{ createdAt: 'asc' }, { username: 'asc' }],
    take: MAX_ACCOUNTS + 1,
    select: { username: true, passwordHash: true },
  });
  const byHash = new Map<string, string[]>();
  for (const u of users.slice(0, MAX_ACCOUNTS)) {
    const list = byHash.get(u.passwordHash);
    if (list) list.push(u.username);
    else byHash.set(u.passwordHash, [u.username]);
  }
  const hashes = [...byHash.keys()].slice(0, MAX_HASHES);
  const matches = await Promise.all(hashes.map((h) => verifyPassword(demoPassword, h)));
  const usernames = hashes.flatMap((h, i) => (matches[i] ? (byHash.get(h) ?? []) : [])).sort();
  return { usernames, complete: users.length <= MAX_ACCOUNTS && byHash.size <= MAX_HASHES };
}

/**
 * Production start-up guard: throws (listing the accounts and the fix) while any active account
 * still has the demo password. Nothing to do outside production.
 */
export async function assertNoDemoPasswords(ctx: AppContext): Promise<void> {
  if (!ctx.config.production) return;
  const { usernames, complete } = await findDemoPasswordAccounts(ctx, ctx.config.demoPassword);
  if (!complete) ctx.log('demo-password check: only the oldest accounts were checked (bound reached)');
  if (usernames.length === 0) return;
  throw new DemoPasswordError(usernames);
}

export class DemoPasswordError extends Error {
  constructor(readonly usernames: string[]) {
    super(
      [
        `Refusing to start in production: ${usernames.length} active account(s) still use the demo password (DEMO_PASSWORD):`,
        `  ${usernames.join(', ')}`,
        'Fix: give each a new password —',
        '  printf "%s" "<new password>" | pnpm users:set-password --username <name>',
        '  (or as an admin: POST /api/admin/users/<id>/reset-password, or disable: POST /api/admin/users/<id>/disable)',
        'A fresh production database needs no demo data: leave SEED_DEMO unset (false in production) and',
        'create the first administrator with: pnpm users:create-admin --username <name> --name <display name>',
      ].join('\n'),
    );
    this.name = 'DemoPasswordError';
  }
}
