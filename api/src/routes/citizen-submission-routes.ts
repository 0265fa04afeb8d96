import { ZCitizenSubmissionQuery, ZRejectCitizenSubmission } from '@wangge/shared/schemas/citizens';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { attachmentPath } from '../services/attachments/store-attachment';
import { findCitizenPhoto } from '../services/citizens/find-citizen-photo';
import { listCitizenSubmissions } from '../services/citizens/list-citizen-submissions';
import { registerCitizenSubmission } from '../services/citizens/register-citizen-submission';
import { rejectCitizenSubmission } from '../services/citizens/reject-citizen-submission';

const ZId = z.object({ id: z.uuid() });
const ZPhoto = z.object({ id: z.uuid(), photoId: z.uuid() });

/** The village desk's 群众上报待登记 (docs/channels.md, "Citizens"): list, photos, register, reject. */
export function citizenSubmissionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/citizen-submissions',
    describeRoute({
      summary: '群众上报待登记 · Citizens’ submissions of the caller’s area',
      query: ZCitizenSubmissionQuery,
      raw: true,
    }),
    async (req, res) => {
      const q = parseOrThrow(ZCitizenSubmissionQuery, req.query, 'query');
      const { items, nextCursor } = await listCitizenSubmissions(ctx, currentUser(req), q);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ data: items, nextCursor });
    },
  );
  router.get(
    '/citizen-submissions/:id/photos/:photoId',
    describeRoute({ summary: '群众上报照片 · A photo of a submission', params: ZPhoto, produces: 'image/*' }),
    async (req, res) => {
      const { id, photoId } = parseOrThrow(ZPhoto, req.params, 'path');
      const photo = await findCitizenPhoto(ctx, currentUser(req), id, photoId);
      res.setHeader('Content-Type', photo.mime);
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.sendFile(attachmentPath(ctx.config.attachmentsDir, photo.sha256), { dotfiles: 'allow' });
    },
  );
  router.post(
    '/citizen-submissions/:id/register',
    describeRoute({
      summary: '登记为案件 · Register a submission as a case',
      params: ZId,
      status: 201,
      errors: ['FORBIDDEN', 'SUBMISSION_DECIDED'],
    }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params, 'path');
      res.status(201).json({ data: await registerCitizenSubmission(ctx, currentUser(req), id) });
    },
  );
  router.post(
    '/citizen-submissions/:id/reject',
    describeRoute({
      summary: '不予登记 · Reject a submission with a public reason',
      params: ZId,
      body: ZRejectCitizenSubmission,
      errors: ['FORBIDDEN', 'SUBMISSION_DECIDED'],
    }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params, 'path');
      const { reason } = parseOrThrow(ZRejectCitizenSubmission, req.body, 'body');
      res.json({ data: await rejectCitizenSubmission(ctx, currentUser(req), id, reason) });
    },
  );
  return router;
}
