import { Router } from 'express';
import type { AppContext } from '../context';
import { describeRoute } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { computeRates, getMetrics } from '../services/metrics/compute-metrics';
import { countDuplicateShare } from '../services/metrics/count-duplicate-share';
import { countHotlineRates } from '../services/metrics/count-hotline-rates';
import { toCsv, toXlsx } from '../services/metrics/export-metrics';
import { listMetricCases } from '../services/metrics/list-metric-cases';
import {
  parseCasesQuery,
  parseExportQuery,
  parseMetricsQuery,
  ZCasesQuery,
  ZExportQuery,
  ZMetricsQuery,
} from '../services/metrics/metrics-query';
import { resolveMetricsScope } from '../services/metrics/metrics-scope';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 综合评价: GET /metrics (rates), /metrics/cases (drill-down), /metrics/export (CSV or .xlsx). */
export function metricsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/metrics',
    describeRoute({
      summary: '综合评价指标 · The indicators of one scope and period',
      query: ZMetricsQuery,
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      const { scope, period } = parseMetricsQuery(req.query, ctx.clock.now());
      res.json({ data: await getMetrics(ctx, user, scope, period) });
    },
  );
  router.get(
    '/metrics/cases',
    describeRoute({
      summary: '指标明细 · The cases behind a number',
      query: ZCasesQuery,
      raw: true,
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      const q = parseCasesQuery(req.query, ctx.clock.now());
      res.json(await listMetricCases(ctx, user, q));
    },
  );
  router.get(
    '/metrics/export',
    describeRoute({
      summary: '导出指标 · The indicators as CSV or .xlsx',
      query: ZExportQuery,
      produces: 'text/csv',
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const user = currentUser(req);
      const now = ctx.clock.now();
      const { scope: asked, period, format } = parseExportQuery(req.query, now);
      const scope = await resolveMetricsScope(ctx, user, asked);
      const run = (sql: Parameters<typeof ctx.db.read.$queryRaw>[0]) =>
        ctx.db.read.$queryRaw<Record<string, unknown>[]>(sql);
      // The indicators, then the duplicate share (重复件占比) of each month, as rows of one table.
      const rows = [
        ...(await computeRates(ctx, scope, period)),
        ...(await countHotlineRates(run, scope, period)),
        ...(await countDuplicateShare(run, scope, period)).map((d) => ({
          key: `duplicateShare:${d.month}`,
          name: `重复件占比 ${d.month}`,
          numerator: d.merged,
          denominator: d.reported,
          rate: d.share,
        })),
      ];
      const base = `metrics-${scope.id}-${period.from}-${period.to}`;
      const label = `综合评价-${scope.name}-${period.from}-${period.to}`;
      const body =
        format === 'csv'
          ? toCsv(scope.name, period.from, period.to, rows)
          : await toXlsx(scope.name, period.from, period.to, rows, now);
      res.set('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
      res.set(
        'Content-Disposition',
        `attachment; filename="${base}.${format}"; filename*=UTF-8''${encodeURIComponent(`${label}.${format}`)}`,
      );
      res.set('Cache-Control', 'no-store');
      res.send(body);
    },
  );
  return router;
}
