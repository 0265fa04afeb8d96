import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { searchPlaces } from './search-places';

/** Candidates named in a refusal. */
const NAMED = 5;

/**
 * Places an address by the place search (docs/channels.md, "Orders with an address only"): the
 * address, read as a place name, must name exactly one place — one exact match (also without its
 * 市/县/区/镇/街道/村 suffix), or, with none exact, one match at all. Then its point (a gazetteer
 * place's own point; for a unit or cell a point inside it). Otherwise LOCATION_UNRESOLVED (422)
 * naming up to five candidates' full names, so the sender can add a location or a better address.
 */
export async function locateAddress(ctx: AppContext, user: AuthUser, address: string) {
  const hits = await searchPlaces(ctx, user, { q: address.slice(0, 50), limit: 10 });
  const exact = hits.filter((h) => h.match === 'exact');
  const best = exact.length > 0 ? exact : hits;
  if (best.length === 1) return best[0]!;
  const names = best.slice(0, NAMED).map((h) => h.fullName);
  throw new AppError(
    'LOCATION_UNRESOLVED',
    best.length === 0
      ? `The address "${address}" names no known place; send a location.`
      : `The address "${address}" names ${best.length > NAMED ? 'more than five' : best.length} places (${names.join('; ')}); send a location or a more precise address.`,
    names.map((name) => ({ path: 'body.address', message: `could be ${name}` })),
  );
}
