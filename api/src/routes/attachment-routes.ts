import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { findAttachment } from '../services/attachments/find-attachment';
import { attachmentPath, storeAttachment } from '../services/attachments/store-attachment';
import { presentAttachment } from '../services/cases/present-case';

/** Described for the OpenAPI page; the bytes' type is checked against their first bytes. */
const ZUploadHeaders = z.object({ 'x-file-name': z.string().max(600).optional() });

export function attachmentRoutes(ctx: AppContext): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: ctx.config.maxUploadBytes });
  router.post(
    '/attachments',
    raw,
    describeRoute({
      summary: '上传附件 · Upload a photo or PDF (raw bytes)',
      headers: ZUploadHeaders,
      bodyType: 'image/jpeg, image/png, image/webp, application/pdf',
      status: 201,
      errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RULE_VIOLATION'],
    }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const fileName = decodeFileName(req.get('x-file-name'));
      const a = await storeAttachment(ctx, currentUser(req), body, req.get('content-type') ?? '', fileName);
      res.status(201).json({ data: presentAttachment(a) });
    },
  );
  router.get(
    '/attachments/:id',
    describeRoute({
      summary: '下载附件 · The file (photos inline, PDFs as a download)',
      produces: 'application/octet-stream',
    }),
    async (req, res) => {
      const a = await findAttachment(ctx, currentUser(req), req.params.id);
      res.setHeader('Content-Type', a.mime);
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Photos show inline; anything else (PDF) only downloads, never renders in our origin.
      if (!a.mime.startsWith('image/')) res.setHeader('Content-Disposition', contentDisposition(a));
      // A missing or unreadable file answers 404 instead of crashing or hanging the request.
      res.sendFile(attachmentPath(ctx.config.attachmentsDir, a.sha256), { dotfiles: 'allow' }, (error) => {
        if (!error) return;
        ctx.log(`attachment ${a.id} unreadable: ${error.message}`);
        if (!res.headersSent)
          res.status(404).json({ error: { code: 'NOT_FOUND', message: 'The file is missing.' } });
      });
    },
  );
  return router;
}

/** The percent-encoded X-File-Name header, decoded; bad encoding is the client's error (400). */
function decodeFileName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return decodeURIComponent(header).slice(0, 200);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'headers.x-file-name', message: 'must be percent-encoded UTF-8' },
    ]);
  }
}

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
function contentDisposition(a: { id: string; fileName: string | null; mime: string }): string {
  const ext = a.mime === 'application/pdf' ? '.pdf' : '';
  const name = a.fileName ?? `${a.id}${ext}`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
