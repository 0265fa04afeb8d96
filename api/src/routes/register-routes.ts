import { toShanghaiDate } from '@wangge/shared/calendar/shanghai-date';
import { ZGridCode } from '@wangge/shared/schemas/common';
import {
  ZAccessLogExportQuery,
  ZAccessLogQuery,
  ZArchiveInput,
  ZLayerQuery,
  ZPersonExport,
  ZPersonPatch,
  ZPersonQuery,
  ZRevealInput,
  zPersonInput,
} from '@wangge/shared/schemas/register';
import { type Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { forbidden, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { sendSheet, sheetOf, ZImportQuery } from '../http/sheets';
import { mayReadAccessLog, registerViewFor } from '../policies/register';
import { registerLayerViewFor } from '../policies/register-layers';
import { anonymisePerson } from '../services/register/anonymise-person';
import { archivePerson } from '../services/register/archive-person';
import { exportAccessLog } from '../services/register/export-access-log';
import { exportPersons } from '../services/register/export-persons';
import { getPerson } from '../services/register/get-person';
import { importPersons } from '../services/register/import-persons';
import { listAccessLog } from '../services/register/list-access-log';
import { listDueVisits } from '../services/register/list-due-visits';
import { listPersons } from '../services/register/list-persons';
import { listRecentVisits } from '../services/register/list-recent-visits';
import { listRegisterLayers } from '../services/register/list-register-layers';
import { personWorkbook } from '../services/register/person-workbook';
import { recordPerson } from '../services/register/record-person';
import { revealPerson } from '../services/register/reveal-person';
import { updatePerson } from '../services/register/update-person';

const ZPersonId = z.object({ id: z.uuid() });
const ZRecentVisitsQuery = z.object({
  grid: ZGridCode,
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The person's input as described (its date checks depend on the day; the shape does not). */
const ZPersonInputDoc = zPersonInput('2100-12-31');
const ZDueQuery = z.object({ within: z.coerce.number().int().min(0).max(90).default(7) });
/** The base register (人): persons, their reveal and access log, the visiting plan, the map layers (docs/register.md). */
export function registerRoutes(ctx: AppContext): Router {
  const router = Router();
  /** The caller's view of the register, or 403 for roles without one. */
  const viewOf = (req: Request) => {
    const view = registerViewFor(ctx, currentUser(req));
    if (!view) throw forbidden('Your role has no access to the register.');
    return view;
  };
  const personId = (req: Request) => parseOrThrow(ZPersonId, req.params, 'path').id;

  router.post(
    '/register/persons',
    describeRoute({
      summary: '登记人员 · Record a person',
      body: ZPersonInputDoc,
      status: 201,
      errors: ['FORBIDDEN', 'PERSON_EXISTS'],
    }),
    async (req, res) => {
      const input = parseOrThrow(zPersonInput(toShanghaiDate(ctx.clock.now())), req.body);
      const view = viewOf(req);
      res.status(201).json({ data: await recordPerson(ctx, currentUser(req), view, input) });
    },
  );
  router.get(
    '/register/persons',
    describeRoute({
      summary: '人员列表 · Masked persons, newest first',
      query: ZPersonQuery,
      raw: true,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZPersonQuery, req.query, 'query');
      res.json(await listPersons(ctx, viewOf(req), q));
    },
  );
  // The sheets (.xlsx, exceljs): the template, an all-or-nothing import, a logged export.
  router.get(
    '/register/persons/template',
    describeRoute({
      summary: '人员导入模板 · The persons sheet (.xlsx)',
      produces: XLSX,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      viewOf(req);
      sendSheet(res, await personWorkbook([]), 'register-persons-template.xlsx');
    },
  );
  router.post(
    '/register/persons/import',
    describeRoute({
      summary: '导入人员 · Import persons from .xlsx (all or nothing)',
      query: ZImportQuery,
      bodyType: XLSX,
      errors: ['FORBIDDEN', 'PERSON_EXISTS', 'PAYLOAD_TOO_LARGE'],
    }),
    async (req, res) => {
      const { dryRun } = parseOrThrow(ZImportQuery, req.query, 'query');
      const view = viewOf(req); // before the body is read: only the register's roles may upload
      if (!view.writes) throw forbidden('Your role does not record persons on the register.');
      const file = await sheetOf(req, res);
      const options = { dryRun: dryRun === 'true' || dryRun === '1' };
      const result = await importPersons(ctx, currentUser(req), view, file, options);
      res.status(result.created > 0 ? 201 : 200).json({ data: result });
    },
  );
  router.post(
    '/register/persons/export',
    describeRoute({
      summary: '导出人员 · Export persons as .xlsx (logged)',
      body: ZPersonExport,
      produces: XLSX,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZPersonExport, req.body);
      const { file } = await exportPersons(ctx, currentUser(req), viewOf(req), q);
      sendSheet(res, file, `register-persons-${toShanghaiDate(ctx.clock.now())}.xlsx`);
    },
  );
  router.get(
    '/register/persons/:id',
    describeRoute({ summary: '人员详情 · A person with history', params: ZPersonId, errors: ['FORBIDDEN'] }),
    async (req, res) => {
      const id = personId(req);
      res.json({ data: await getPerson(ctx, viewOf(req), id) });
    },
  );
  router.patch(
    '/register/persons/:id',
    describeRoute({
      summary: '修改人员 · Change a person',
      params: ZPersonId,
      body: ZPersonPatch,
      errors: ['FORBIDDEN', 'RECORD_CHANGED', 'RECORD_ARCHIVED'],
    }),
    async (req, res) => {
      const id = personId(req);
      const patch = parseOrThrow(ZPersonPatch, req.body);
      res.json({ data: await updatePerson(ctx, currentUser(req), viewOf(req), id, patch) });
    },
  );
  router.post(
    '/register/persons/:id/archive',
    describeRoute({
      summary: '注销人员 · Archive a person',
      params: ZPersonId,
      body: ZArchiveInput,
      errors: ['FORBIDDEN', 'RECORD_ARCHIVED'],
    }),
    async (req, res) => {
      const id = personId(req);
      const { reason } = parseOrThrow(ZArchiveInput, req.body);
      res.json({ data: await archivePerson(ctx, currentUser(req), viewOf(req), id, reason) });
    },
  );
  router.post(
    '/register/persons/:id/reveal',
    describeRoute({
      summary: '查看完整信息 · Reveal ID number and phone (logged)',
      params: ZPersonId,
      body: ZRevealInput,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const id = personId(req);
      const { purpose } = parseOrThrow(ZRevealInput, req.body);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ data: await revealPerson(ctx, currentUser(req), viewOf(req), id, purpose) });
    },
  );
  router.get(
    '/register/layers',
    describeRoute({
      summary: '登记簿图层 · Live record counts per cell by layer',
      query: ZLayerQuery,
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
    async (req, res) => {
      const query = parseOrThrow(ZLayerQuery, req.query, 'query');
      const view = registerLayerViewFor(ctx, currentUser(req));
      if (!view) throw forbidden('Your role has no view of the register layers.');
      res.json({ data: await listRegisterLayers(ctx, view, query) });
    },
  );
  router.get(
    '/register/visits/due',
    describeRoute({
      summary: '待走访 · Overdue and due home visits',
      query: ZDueQuery,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const { within } = parseOrThrow(ZDueQuery, req.query, 'query');
      res.json({ data: await listDueVisits(ctx, currentUser(req), viewOf(req), within) });
    },
  );
  router.get(
    '/register/visits/recent',
    describeRoute({
      summary: '最近走访 · A cell’s last home visits',
      query: ZRecentVisitsQuery,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const { grid, limit } = parseOrThrow(ZRecentVisitsQuery, req.query, 'query');
      res.json({ data: await listRecentVisits(ctx, viewOf(req), grid, limit) });
    },
  );
  router.get(
    '/register/access-log',
    describeRoute({
      summary: '查阅日志 · Reveals and exports, newest first',
      roles: ['AUDITOR', 'ADMIN'],
      query: ZAccessLogQuery,
      raw: true,
    }),
    async (req, res) => {
      const q = parseOrThrow(ZAccessLogQuery, req.query, 'query');
      if (!mayReadAccessLog(currentUser(req))) throw forbidden('The access log is for auditors and admins.');
      res.json(await listAccessLog(ctx, q));
    },
  );
  router.get(
    '/register/access-log/export',
    describeRoute({
      summary: '导出查阅日志 · The access log as .xlsx (logged)',
      roles: ['AUDITOR', 'ADMIN'],
      query: ZAccessLogExportQuery,
      produces: XLSX,
    }),
    async (req, res) => {
      const filter = parseOrThrow(ZAccessLogExportQuery, req.query, 'query');
      if (!mayReadAccessLog(currentUser(req))) throw forbidden('The access log is for auditors and admins.');
      const { file } = await exportAccessLog(ctx, currentUser(req), filter);
      const day = toShanghaiDate(ctx.clock.now());
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="access-log-${day}.xlsx"`);
      res.send(file);
    },
  );
  router.post(
    '/admin/register/persons/:id/anonymise',
    describeRoute({ summary: '匿名化人员 · Anonymise a person', roles: ['ADMIN'], params: ZPersonId }),
    async (req, res) => {
      requireRole(currentUser(req), ['ADMIN']);
      res.json({ data: await anonymisePerson(ctx, currentUser(req), personId(req)) });
    },
  );
  return router;
}
