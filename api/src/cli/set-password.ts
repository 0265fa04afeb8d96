import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { closeContext, createContext } from '../create-context';
import { resetPassword } from '../services/auth/reset-password';
import { CliError, cliOptions, readPassword, reportCliError } from './cli-support';

const USAGE =
  'usage: printf "%s" "<new password>" | pnpm users:set-password --username <name>\n' +
  '       (or set ADMIN_PASSWORD; on a terminal the password is asked for)';

/**
 * pnpm users:set-password --username X — sets a new password (policy applies) and ends every
 * session of that account: the fix for accounts still on the demo password in production.
 */
async function main() {
  let ctx: Awaited<ReturnType<typeof createContext>> | undefined;
  try {
    const opts = cliOptions(['username'] as const, USAGE);
    const password = await readPassword();
    ctx = await createContext(loadConfig(), systemClock, () => undefined);
    const user = await ctx.db.read.user.findUnique({
      where: { username: opts.username },
      select: { id: true },
    });
    if (!user) throw new CliError(`no account named ${opts.username}`);
    const { revokedSessions } = await resetPassword(ctx, user.id, password, {
      id: null,
      origin: { ip: null, userAgent: 'cli:users:set-password' },
    });
    console.log(`new password set for ${opts.username}; ${revokedSessions} session(s) ended`);
  } catch (error) {
    reportCliError(error);
  } finally {
    if (ctx) await closeContext(ctx);
  }
}

void main();
