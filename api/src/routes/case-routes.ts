import {
  ZAttachReport,
  ZCaseActionInput,
  ZDuplicatesQuery,
  ZIdempotencyKey,
  ZListCasesQuery,
  ZMergeCase,
  ZReportCase,
} from '@wangge/shared/schemas/cases';
import { type Request, Router } from 'express';
import { type ZodType, z } from 'zod';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { attachReport } from '../services/cases/attach-report';
import { findDuplicates } from '../services/cases/find-duplicates';
import { getCase } from '../services/cases/get-case';
import { listCases } from '../services/cases/list-cases';
import { mergeCase } from '../services/cases/merge-case';
import { performCaseAction } from '../services/cases/perform-case-action';
import { reportCase } from '../services/cases/report-case';

const ZReportHeaders = z.object({ 'idempotency-key': ZIdempotencyKey });

/** A report's body and its Idempotency-Key header, with one answer listing every problem of both. */
function parseReport<T>(schema: ZodType<T>, req: Request): { body: T; key: string } {
  const key = req.get('idempotency-key');
  const body = schema.safeParse(req.body);
  const keyCheck = ZReportHeaders.shape['idempotency-key'].safeParse(key);
  if (body.success && keyCheck.success) return { body: body.data, key: keyCheck.data };
  const details = [
    ...(body.success
      ? []
      : body.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))),
    ...(keyCheck.success
      ? []
      : [{ path: 'headers.idempotency-key', message: key ? keyCheck.error.issues[0]!.message : 'required' }]),
  ];
  throw new AppError('VALIDATION_FAILED', 'The report is invalid.', details);
}

export function caseRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post(
    '/cases',
    describeRoute({
      summary: '上报案件 · Report a case',
      body: ZReportCase,
      headers: ZReportHeaders,
      status: 201,
      errors: [
        'FORBIDDEN',
        'IDEMPOTENCY_KEY_REUSED',
        'LOCATION_OUTSIDE_GRID',
        'LOCATION_OUTSIDE_JURISDICTION',
      ],
    }),
    async (req, res) => {
      const { body, key } = parseReport(ZReportCase, req);
      const result = await reportCase(ctx, currentUser(req), body, key);
      if (result.created) {
        res.status(201).json({ data: result.case });
        return;
      }
      res.setHeader('Idempotent-Replayed', 'true');
      res.json({ data: await getCase(ctx, currentUser(req), result.caseId) });
    },
  );
  router.get(
    '/cases',
    describeRoute({
      summary: '案件列表 · List the cases the caller may see',
      query: ZListCasesQuery,
      raw: true,
    }),
    async (req, res) => {
      const query = parseOrThrow(ZListCasesQuery, req.query, 'query');
      res.json(await listCases(ctx, currentUser(req), query));
    },
  );
  router.get(
    '/cases/duplicates',
    describeRoute({
      summary: '疑似重复案件 · Duplicate suggestions near a point',
      query: ZDuplicatesQuery,
      raw: true,
    }),
    async (req, res) => {
      const query = parseOrThrow(ZDuplicatesQuery, req.query, 'query');
      res.json(await findDuplicates(ctx, currentUser(req), query));
    },
  );
  router.get(
    '/cases/:id',
    describeRoute({ summary: '案件详情 · A case with its tasks, events and available actions' }),
    async (req, res) => {
      res.json({ data: await getCase(ctx, currentUser(req), req.params.id) });
    },
  );
  router.post(
    '/cases/:id/attach',
    describeRoute({
      summary: '附加到已有案件 · Attach a report to an open case',
      body: ZAttachReport,
      headers: ZReportHeaders,
      status: 201,
      errors: ['FORBIDDEN', 'INVALID_STATE', 'IDEMPOTENCY_KEY_REUSED'],
    }),
    async (req, res) => {
      const { body, key } = parseReport(ZAttachReport, req);
      const user = currentUser(req);
      const result = await attachReport(ctx, user, req.params.id, body, key);
      if (!result.created) res.setHeader('Idempotent-Replayed', 'true');
      res.status(result.created ? 201 : 200).json({ data: await getCase(ctx, user, result.caseId) });
    },
  );
  router.post(
    '/cases/:id/merge',
    describeRoute({
      summary: '并案 · Merge a duplicate into a master case',
      body: ZMergeCase,
      errors: ['FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE', 'RULE_VIOLATION'],
    }),
    async (req, res) => {
      const input = parseOrThrow(ZMergeCase, req.body);
      const user = currentUser(req);
      await mergeCase(ctx, user, req.params.id, input);
      res.json({ data: await getCase(ctx, user, req.params.id) });
    },
  );
  router.post(
    '/cases/:id/actions',
    describeRoute({
      summary: '办理 · Perform a workflow action on a case',
      body: ZCaseActionInput,
      errors: ['FORBIDDEN', 'VERSION_CONFLICT', 'INVALID_STATE', 'RULE_VIOLATION'],
    }),
    async (req, res) => {
      const input = parseOrThrow(ZCaseActionInput, req.body);
      const user = currentUser(req);
      await performCaseAction(ctx, user, req.params.id, input);
      res.json({ data: await getCase(ctx, user, req.params.id) });
    },
  );
  return router;
}
