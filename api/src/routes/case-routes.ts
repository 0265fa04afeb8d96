import {
  ZCaseActionInput,
  ZDuplicatesQuery,
  ZIdempotencyKey,
  ZListCasesQuery,
  ZReportCase,
} from '@wangge/shared/schemas/cases';
import { Router } from 'express';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { currentUser } from '../http/require-auth';
import { findDuplicates } from '../services/cases/find-duplicates';
import { getCase } from '../services/cases/get-case';
import { listCases } from '../services/cases/list-cases';
import { performCaseAction } from '../services/cases/perform-case-action';
import { reportCase } from '../services/cases/report-case';

export function caseRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/cases', async (req, res) => {
    const key = req.get('idempotency-key');
    const body = ZReportCase.safeParse(req.body);
    const keyCheck = ZIdempotencyKey.safeParse(key);
    if (!body.success || !keyCheck.success) {
      // One answer listing the body's problems and the header's together.
      const details = [
        ...(body.success
          ? []
          : body.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))),
        ...(keyCheck.success
          ? []
          : [
              {
                path: 'headers.idempotency-key',
                message: key ? keyCheck.error.issues[0]!.message : 'required',
              },
            ]),
      ];
      throw new AppError('VALIDATION_FAILED', 'The report is invalid.', details);
    }
    const result = await reportCase(ctx, currentUser(req), body.data, keyCheck.data);
    if (result.created) {
      res.status(201).json({ data: result.case });
      return;
    }
    res.setHeader('Idempotent-Replayed', 'true');
    res.json({ data: await getCase(ctx, currentUser(req), result.caseId) });
  });
  router.get('/cases', async (req, res) => {
    const query = parseOrThrow(ZListCasesQuery, req.query, 'query');
    res.json(await listCases(ctx, currentUser(req), query));
  });
  router.get('/cases/duplicates', async (req, res) => {
    const query = parseOrThrow(ZDuplicatesQuery, req.query, 'query');
    res.json(await findDuplicates(ctx, currentUser(req), query));
  });
  router.get('/cases/:id', async (req, res) => {
    res.json({ data: await getCase(ctx, currentUser(req), req.params.id) });
  });
  router.post('/cases/:id/actions', async (req, res) => {
    const input = parseOrThrow(ZCaseActionInput, req.body);
    const user = currentUser(req);
    await performCaseAction(ctx, user, req.params.id, input);
    res.json({ data: await getCase(ctx, user, req.params.id) });
  });
  return router;
}
