import { ZMapSettingsInput } from '@wangge/shared/schemas/map-settings';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { OUTLINE_LEVELS } from '../services/map/dissolve-outlines';
import { listOutlines } from '../services/map/list-outlines';
import { cachedMapSettings } from '../services/map/map-settings-cache';
import { updateMapSettings } from '../services/map/update-map-settings';

/** The base map: unit outlines dissolved from the cells, and the admin's tile settings. */
const ZOutlineQuery = z.object({ level: z.enum(OUTLINE_LEVELS) });

export function mapRoutes(ctx: AppContext): Router {
  const router = Router();
  // Before /grids/:code (reference-routes), which would read "outlines" as a cell code.
  router.get(
    '/grids/outlines',
    describeRoute({ summary: '区划轮廓 · Outlines of the units the caller may see', query: ZOutlineQuery }),
    async (req, res) => {
      const { level } = parseOrThrow(ZOutlineQuery, req.query, 'query');
      const answer = await listOutlines(ctx, currentUser(req), level, req.get('if-none-match'));
      res.set({ 'Cache-Control': 'private, no-cache', Vary: 'Authorization', ETag: answer.etag });
      if (!answer.body) {
        res.status(304).end();
        return;
      }
      res.type('application/json').send(`{"data":${answer.body}}`);
    },
  );
  // Every signed-in screen with a map reads it (the tile URLs are public to their users anyway).
  router.get(
    '/map-settings',
    describeRoute({ summary: '底图设置 · The base-map settings' }),
    async (_req, res) => {
      res.json({ data: await cachedMapSettings(ctx) });
    },
  );
  router.put(
    '/admin/map-settings',
    describeRoute({
      summary: '修改底图 · Change the base-map settings',
      roles: ['ADMIN'],
      body: ZMapSettingsInput,
    }),
    async (req, res) => {
      const user = currentUser(req);
      requireRole(user, ['ADMIN']);
      const input = parseOrThrow(ZMapSettingsInput, req.body, 'body');
      res.json({ data: await updateMapSettings(ctx, user, input) });
    },
  );
  return router;
}
