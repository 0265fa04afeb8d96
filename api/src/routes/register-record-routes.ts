import { toShanghaiDate } from '@wangge/shared/calendar/shanghai-date';
import { ZGridCode } from '@wangge/shared/schemas/common';
import { ZArchiveInput } from '@wangge/shared/schemas/register';
import {
  POINT_LAYER_TYPES,
  RECORD_TYPES,
  recordSchemas,
  type TPointType,
  type TRecordType,
  ZPointsQuery,
  ZTeamInput,
  zRecordExport,
  zRecordQuery,
} from '@wangge/shared/schemas/register-records';
import { type Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { forbidden, parseOrThrow } from '../http/app-error';
import { describeRoute, type RouteDoc } from '../http/describe-route';
import { currentUser } from '../http/require-auth';
import { sendSheet, sheetOf, ZImportQuery } from '../http/sheets';
import { type RecordKind, recordViewFor, registerViewFor } from '../policies/register';
import { archiveRegisterRecord } from '../services/register/records/archive-register-record';
import { exportRegisterRecords } from '../services/register/records/export-register-records';
import { getRegisterRecord } from '../services/register/records/get-register-record';
import { importRegisterRecords } from '../services/register/records/import-register-records';
import { listRegisterPoints } from '../services/register/records/list-register-points';
import { listRegisterRecords } from '../services/register/records/list-register-records';
import { recordRegisterRecord } from '../services/register/records/record-register-record';
import { RECORD_DESCRIPTORS } from '../services/register/records/record-types';
import { recordWorkbook } from '../services/register/records/record-workbook';
import { updateRegisterRecord } from '../services/register/records/update-register-record';
import { getCellTeam } from '../services/register/team/get-cell-team';
import { replaceCellTeam } from '../services/register/team/replace-cell-team';

const ZRecordId = z.object({ id: z.uuid() });
const ZCellParams = z.object({ code: ZGridCode });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The four types' names for their descriptions: 地, 物 (城市部件), 组织, 民情日志. */
const TYPE_NAMES: Record<TRecordType, string> = {
  places: '场所 · place',
  things: '城市部件 · thing',
  organisations: '组织 · organisation',
  situations: '民情日志 · situation log',
};

/**
 * The register's places, things, organisations and 民情日志 (the same shape as persons, one
 * route table for the four types) and each cell's 1+N team (docs/register.md).
 */
export function registerRecordRoutes(ctx: AppContext): Router {
  const router = Router();
  const viewOf = (req: Request, kind: RecordKind) => {
    const view = recordViewFor(ctx, currentUser(req), kind);
    if (!view) throw forbidden(`Your role has no access to the register's ${kind}.`);
    return view;
  };
  const schemas = () => recordSchemas(toShanghaiDate(ctx.clock.now()));
  const recordId = (req: Request) => parseOrThrow(ZRecordId, req.params, 'params').id;

  for (const type of RECORD_TYPES) {
    const d = RECORD_DESCRIPTORS[type as TRecordType];
    const query = zRecordQuery(type);
    const exportQuery = zRecordExport(type);
    // The shapes of the day's input schemas (their date checks move with the day, their fields do not).
    const shape = recordSchemas('2100-12-31')[type];
    const [zh, en] = TYPE_NAMES[type as TRecordType].split(' · ');
    const doc = (summary: string, more: Omit<RouteDoc, 'summary'> = {}) =>
      describeRoute({ summary: `${zh}：${summary.replace('%', en!)}`, ...more });
    const forbid: RouteDoc['errors'] = ['FORBIDDEN'];
    router.post(
      `/register/${type}`,
      doc('登记 · Record a %', { body: shape.input, status: 201, errors: ['FORBIDDEN', 'THING_CODE_TAKEN'] }),
      async (req, res) => {
        const input = parseOrThrow(schemas()[type].input, req.body);
        const view = viewOf(req, type);
        res.status(201).json({ data: await recordRegisterRecord(ctx, currentUser(req), view, d, input) });
      },
    );
    router.get(
      `/register/${type}`,
      doc('列表 · List %s, newest first', { query, raw: true, errors: forbid }),
      async (req, res) => {
        const q = parseOrThrow(query, req.query, 'query');
        res.json(await listRegisterRecords(ctx, viewOf(req, type), d, q));
      },
    );
    // The sheets (.xlsx, exceljs): the template, an all-or-nothing import, a logged export.
    router.get(
      `/register/${type}/template`,
      doc('导入模板 · The % sheet (.xlsx)', { produces: XLSX, errors: forbid }),
      async (req, res) => {
        viewOf(req, type);
        sendSheet(res, await recordWorkbook(type, []), `register-${type}-template.xlsx`);
      },
    );
    router.post(
      `/register/${type}/import`,
      doc('导入 · Import %s from .xlsx (all or nothing)', {
        query: ZImportQuery,
        bodyType: XLSX,
        errors: ['FORBIDDEN', 'THING_CODE_TAKEN', 'PAYLOAD_TOO_LARGE'],
      }),
      async (req, res) => {
        const { dryRun } = parseOrThrow(ZImportQuery, req.query, 'query');
        const view = viewOf(req, type); // before the body is read: only the writing roles may upload
        if (!view.writes) throw forbidden(`Your role does not record ${type} on the register.`);
        const file = await sheetOf(req, res);
        const options = { dryRun: dryRun === 'true' || dryRun === '1' };
        const result = await importRegisterRecords(ctx, currentUser(req), view, d, file, options);
        res.status(result.created > 0 ? 201 : 200).json({ data: result });
      },
    );
    router.post(
      `/register/${type}/export`,
      doc('导出 · Export %s as .xlsx (logged)', { body: exportQuery, produces: XLSX, errors: forbid }),
      async (req, res) => {
        const q = parseOrThrow(exportQuery, req.body);
        const view = viewOf(req, type);
        const mayReveal = registerViewFor(ctx, currentUser(req))?.mayReveal ?? false;
        const { file } = await exportRegisterRecords(ctx, currentUser(req), view, mayReveal, d, q);
        sendSheet(res, file, `register-${type}-${toShanghaiDate(ctx.clock.now())}.xlsx`);
      },
    );
    router.get(
      `/register/${type}/:id`,
      doc('详情 · A % with history', { params: ZRecordId, errors: forbid }),
      async (req, res) => {
        const id = recordId(req);
        res.json({ data: await getRegisterRecord(ctx, viewOf(req, type), d, id) });
      },
    );
    router.patch(
      `/register/${type}/:id`,
      doc('修改 · Change a %', {
        params: ZRecordId,
        body: shape.patch,
        errors: ['FORBIDDEN', 'RECORD_CHANGED', 'RECORD_ARCHIVED', 'THING_CODE_TAKEN'],
      }),
      async (req, res) => {
        const id = recordId(req);
        const patch = parseOrThrow(schemas()[type].patch, req.body);
        res.json({
          data: await updateRegisterRecord(ctx, currentUser(req), viewOf(req, type), d, id, patch),
        });
      },
    );
    router.post(
      `/register/${type}/:id/archive`,
      doc('注销 · Archive a %', {
        params: ZRecordId,
        body: ZArchiveInput,
        errors: ['FORBIDDEN', 'RECORD_ARCHIVED'],
      }),
      async (req, res) => {
        const id = recordId(req);
        const { reason } = parseOrThrow(ZArchiveInput, req.body);
        res.json({
          data: await archiveRegisterRecord(ctx, currentUser(req), viewOf(req, type), d, id, reason),
        });
      },
    );
  }

  router.get(
    '/register/points',
    describeRoute({
      summary: '登记簿点位 · Located records of a layer in a box',
      query: ZPointsQuery,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const q = parseOrThrow(ZPointsQuery, req.query, 'query');
      const type = POINT_LAYER_TYPES[q.layer.split(':')[0] as TPointType];
      res.json({ data: await listRegisterPoints(ctx, viewOf(req, type), RECORD_DESCRIPTORS[type], q) });
    },
  );

  router.get(
    '/register/cells/:code/team',
    describeRoute({
      summary: '网格 1+N 团队 · A cell’s 1+N team',
      params: ZCellParams,
      errors: ['FORBIDDEN'],
    }),
    async (req, res) => {
      const { code } = parseOrThrow(ZCellParams, req.params, 'params');
      res.json({ data: await getCellTeam(ctx, viewOf(req, 'team'), code) });
    },
  );
  router.put(
    '/register/cells/:code/team',
    describeRoute({
      summary: '更新 1+N 团队 · Replace a cell’s 1+N team',
      params: ZCellParams,
      body: ZTeamInput,
      errors: ['FORBIDDEN', 'RECORD_CHANGED'],
    }),
    async (req, res) => {
      const { code } = parseOrThrow(ZCellParams, req.params, 'params');
      const input = parseOrThrow(ZTeamInput, req.body);
      res.json({ data: await replaceCellTeam(ctx, currentUser(req), viewOf(req, 'team'), code, input) });
    },
  );
  return router;
}
