import type { MapSettings, TMapSettingsInput } from '@wangge/shared/schemas/map-settings';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { cachedMapSettings, forgetMapSettings } from './map-settings-cache';

/**
 * Stores the base-map settings (admins only; the route checks the role) and returns them as now
 * in force. Fields that do not belong to the chosen kind are cleared, so an old key or URL is
 * not kept (nor allowed by the CSP) after switching.
 */
export async function updateMapSettings(
  ctx: AppContext,
  user: AuthUser,
  input: TMapSettingsInput,
): Promise<MapSettings> {
  const data = {
    kind: input.kind,
    tiandituKey: input.kind === 'TIANDITU' ? (input.tiandituKey ?? null) : null,
    xyzUrl: input.kind === 'XYZ' ? (input.xyzUrl ?? null) : null,
    attribution: input.kind === 'XYZ' ? (input.attribution ?? null) : null,
    subdomains: input.kind === 'XYZ' ? input.subdomains : '',
    maxZoom: input.maxZoom,
    updatedById: user.id,
  };
  await ctx.db.transaction((tx) =>
    tx.mapSetting.upsert({ where: { id: 'map' }, create: { id: 'map', ...data }, update: data }),
  );
  forgetMapSettings(ctx);
  ctx.log(`map settings: ${input.kind} (by ${user.id})`);
  return cachedMapSettings(ctx);
}
