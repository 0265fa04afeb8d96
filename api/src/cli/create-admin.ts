import { CITY_CODE } from '@wangge/shared/domain/unit-codes';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { closeContext, createContext } from '../create-context';
import { createUser } from '../services/auth/create-user';
import { cliOptions, readPassword, reportCliError } from './cli-support';

const USAGE =
  'usage: printf "%s" "<password>" | pnpm users:create-admin --username <name> --name <display name>\n' +
  '       (or set ADMIN_PASSWORD; on a terminal the password is asked for)';

/**
 * pnpm users:create-admin --username X --name Y — creates an administrator of the city (the
 * first account of a production database). The password comes from stdin or ADMIN_PASSWORD,
 * never from argv, and must meet the password policy. Uses DATABASE_URL / DATA_DIR like the server.
 */
async function main() {
  let ctx: Awaited<ReturnType<typeof createContext>> | undefined;
  try {
    const opts = cliOptions(['username', 'name'] as const, USAGE);
    const password = await readPassword();
    ctx = await createContext(loadConfig(), systemClock, () => undefined);
    const user = await createUser(
      ctx,
      { username: opts.username, displayName: opts.name, password, role: 'ADMIN', unitCode: CITY_CODE },
      { id: null, origin: { ip: null, userAgent: 'cli:users:create-admin' } },
    );
    console.log(
      `created administrator ${user.username} (${user.displayName}) of ${CITY_CODE}, id ${user.id}`,
    );
  } catch (error) {
    reportCliError(error);
  } finally {
    if (ctx) await closeContext(ctx);
  }
}

void main();
