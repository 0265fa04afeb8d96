/**
 * PUT /api/admin/map-settings, validated (zod). The settings' types and the tile layers they
 * mean are in ../domain/base-map.ts, which the web client imports without zod.
 */
import { z } from 'zod';
import { MAP_BASE_KINDS } from '../domain/base-map';
import { zText } from './text';

export * from '../domain/base-map';

/** The {s} of a template with its first subdomain, so the URL parser can read the host. */
const withFirstSubdomain = (url: string, subdomains: string) => url.replaceAll('{s}', subdomains[0] ?? 'a');

/** Whether a tile template is an http(s) URL with {z}, {x} and {y} and a readable host. */
function isTileTemplate(url: string, subdomains: string): boolean {
  if (!/\{z\}/.test(url) || !/\{x\}/.test(url) || !/\{-?y\}/.test(url)) return false;
  try {
    const u = new URL(withFirstSubdomain(url, subdomains));
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** PUT /api/admin/map-settings: what the admin page sends. */
export const ZMapSettingsInput = z
  .object({
    kind: z.enum(MAP_BASE_KINDS),
    tiandituKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{16,64}$/, 'must be the 天地图 key: 16–64 letters and digits')
      .optional(),
    xyzUrl: zText(z.string().trim().max(500)).optional(),
    attribution: zText(z.string().trim().max(200)).optional(),
    subdomains: z
      .string()
      .trim()
      .regex(/^[a-z0-9]{0,8}$/, 'must be up to 8 letters or digits, e.g. abc')
      .default(''),
    maxZoom: z.number().int().min(10).max(20).default(18),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'TIANDITU' && !v.tiandituKey)
      ctx.addIssue({ code: 'custom', path: ['tiandituKey'], message: 'is required for 天地图 tiles' });
    if (v.kind === 'XYZ') {
      if (!v.xyzUrl) ctx.addIssue({ code: 'custom', path: ['xyzUrl'], message: 'is required for XYZ tiles' });
      else if (!isTileTemplate(v.xyzUrl, v.subdomains))
        ctx.addIssue({
          code: 'custom',
          path: ['xyzUrl'],
          message: 'must be an http(s) URL template with {z}, {x} and {y}',
        });
      if (!v.attribution)
        ctx.addIssue({
          code: 'custom',
          path: ['attribution'],
          message: 'is required for XYZ tiles (the tiles’ owner)',
        });
    }
  });
export type TMapSettingsInput = z.infer<typeof ZMapSettingsInput>;
