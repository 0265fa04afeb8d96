import { maskPhone } from '@wangge/shared/register/mask';
import type { AppContext } from '../../context';
import { mayRevealCaller } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import type { StoredCaller } from './find-case-caller';

/** A caller as every answer shows it: the phone masked (138****5678), never in clear. */
export interface PresentedCaller {
  channel: StoredCaller['channel'];
  requestType: StoredCaller['requestType'];
  name: string | null;
  phoneMasked: string | null;
  /** Whether this user may reveal the full phone (POST /api/cases/:id/caller/reveal). */
  canReveal: boolean;
}

/** The caller for `user`, masked; the full phone only ever through the logged reveal. */
export function presentCaller(
  ctx: AppContext,
  user: AuthUser,
  c: { ownerUnitCode: string },
  caller: StoredCaller,
): PresentedCaller {
  const phone = caller.phoneCipher ? ctx.registerCipher.decrypt('phone', caller.phoneCipher) : null;
  return {
    channel: caller.channel,
    requestType: caller.requestType,
    name: caller.name,
    phoneMasked: phone ? maskPhone(phone) : null,
    canReveal: phone !== null && mayRevealCaller(user, c),
  };
}
