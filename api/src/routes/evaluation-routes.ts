import { levelOfCode } from '@wangge/shared/domain/unit-codes';
import { ZIdempotencyKey } from '@wangge/shared/schemas/cases';
import { ZFreezeInput, ZMonthQuery, ZRankingQuery, ZWorkLogInput } from '@wangge/shared/schemas/evaluation';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, detailsFromZod, forbidden, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { freezeMonth } from '../services/evaluation/freeze-rankings';
import { listGridWorkerScores } from '../services/evaluation/grid-worker-scores';
import { monthOf, monthPeriod } from '../services/evaluation/month';
import { getRanking } from '../services/evaluation/rankings';
import { listWorkLogs, recordWorkLog } from '../services/evaluation/work-logs';

const ZIdempotencyHeaders = z.object({ 'idempotency-key': ZIdempotencyKey });

/** Recorded field work, grid worker scores and the monthly rankings (一月一排名). */
export function evaluationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post(
    '/work-logs',
    describeRoute({
      summary: '记录走访巡查 · Record a patrol or home visit',
      body: ZWorkLogInput,
      headers: ZIdempotencyHeaders,
      status: 201,
      errors: ['FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED'],
    }),
    async (req, res) => {
      const body = ZWorkLogInput.safeParse(req.body);
      const key = ZIdempotencyKey.safeParse(req.get('idempotency-key'));
      if (!body.success || !key.success) {
        const details = [
          ...(body.success ? [] : detailsFromZod(body.error)),
          ...(key.success
            ? []
            : [
                {
                  path: 'headers.idempotency-key',
                  message: req.get('idempotency-key') ? key.error.issues[0]!.message : 'required',
                },
              ]),
        ];
        throw new AppError('VALIDATION_FAILED', 'The work record is invalid.', details);
      }
      const { created, log } = await recordWorkLog(ctx, currentUser(req), body.data, key.data);
      if (!created) res.setHeader('Idempotent-Replayed', 'true');
      res.status(created ? 201 : 200).json({ data: log });
    },
  );
  router.get(
    '/work-logs',
    describeRoute({
      summary: '我的工作日志 · The caller’s own work records of a month',
      query: ZMonthQuery,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZMonthQuery, req.query, 'query');
      const user = currentUser(req);
      if (q.user && q.user !== user.id) throw forbidden('Work records are listed to their own grid worker.');
      res.json({ data: await listWorkLogs(ctx, user.id, monthPeriod(q.month ?? monthOf(ctx.clock.now()))) });
    },
  );
  router.get(
    '/scores/grid-workers',
    describeRoute({
      summary: '网格员月度考核 · Grid workers’ monthly scores',
      query: ZMonthQuery,
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZMonthQuery, req.query, 'query');
      const month = monthPeriod(q.month ?? monthOf(ctx.clock.now()));
      res.json({ data: await listGridWorkerScores(ctx, currentUser(req), month, q.user, q.unit) });
    },
  );
  router.get(
    '/rankings',
    describeRoute({
      summary: '月度排名 · A frozen ranking or a live preview',
      query: ZRankingQuery,
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZRankingQuery, req.query, 'query');
      res.json({ data: await getRanking(ctx, currentUser(req), q.kind, monthPeriod(q.month), q.unit) });
    },
  );
  router.post(
    '/rankings/freeze',
    describeRoute({
      summary: '冻结月度排名 · Freeze a month’s rankings (the city centre)',
      body: ZFreezeInput,
      roles: ['ADMIN', 'DISPATCHER'],
      errors: ['RULE_VIOLATION'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      const cityDispatcher =
        user.role === 'DISPATCHER' && user.unitCode !== null && levelOfCode(user.unitCode) === 'CITY';
      if (user.role !== 'ADMIN' && !cityDispatcher) throw forbidden('Only the city centre freezes rankings.');
      const { month } = parseOrThrow(ZFreezeInput, req.body);
      res.json({ data: await freezeMonth(ctx, month, user.id) });
    },
  );
  return router;
}
