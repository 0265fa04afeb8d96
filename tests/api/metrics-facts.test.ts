import { readFileSync } from 'node:fs';
import type { CaseState } from '@wangge/shared/domain/constants';
import type { CaseEventAction } from '@wangge/shared/domain/event-payloads';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, type EventInput } from '../../api/src/case-log';
import { SYSTEM_USER } from '../../api/src/services/evaluation/system-user';
import { compareChildUnits } from '../../api/src/services/metrics/compare-child-units';
import { ratesOf } from '../../api/src/services/metrics/compute-metrics';
import { countParts } from '../../api/src/services/metrics/metric-counts-sql';
import { PARTS, type PartName } from '../../api/src/services/metrics/metric-definitions';
import { partSql } from '../../api/src/services/metrics/metric-sql';
import { periodOf, type ScopeRequest } from '../../api/src/services/metrics/metrics-query';
import { resolveMetricsScope } from '../../api/src/services/metrics/metrics-scope';
import { sweepTimers } from '../../api/src/services/timers/sweep-timers';
import { createRandom } from '../../shared/src/random';
import { buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The counts from CaseFacts (metric-counts-sql.ts) against the same counts straight from the
 * event log (metric-sql.ts), on random logs made to hit the corners: three or more dispatches,
 * feedbacks or late checks around the period, events written out of time order, red cards in
 * every state, suspended cases with events after the suspension. Then migration 0009's
 * backfill against the facts the writes folded in (reports, actions, the timer sweep).
 */
const CG = '371502-CHENGGUAN';
const ACTIONS = [
  ['REGISTER', 6],
  ['VERIFY_CONFIRM', 1],
  ['SELF_RESOLVE', 1],
  ['DISPATCH', 8],
  ['FEEDBACK', 8],
  ['APPROVE_EXTENSION', 3],
  ['CHECK_PASS', 4],
  ['CHECK_FAIL', 4],
  ['RED_CARD', 8],
  ['SUSPEND', 1],
  ['CLOSE', 3],
  ['APPROVE_SELF_RESOLUTION', 1],
  ['ACCEPT_RETURN', 2],
  ['CALLBACK_SATISFIED', 2],
  ['CALLBACK_DISSATISFIED', 2],
  ['CLAIM', 3],
] as const;
/** Kinds a case may have many of; LATE_CHECK: a red card raised while CHECKING, then a check. */
const FAVOURITES = [
  'DISPATCH',
  'FEEDBACK',
  'APPROVE_EXTENSION',
  'LATE_CHECK',
  'RED_CARD',
  'CHECK_PASS',
  'REGISTER',
  'SUSPEND',
];
const STATES: CaseState[] = ['REPORTED', 'REGISTERED', 'DISPATCHED', 'CLAIMED', 'CHECKING', 'CLOSED'];
const BOUNDS = [
  '2026-10-31T16:00:00Z',
  '2026-11-14T16:00:00Z',
  '2026-11-15T16:00:00Z',
  '2026-11-30T16:00:00Z',
];
const START = Date.parse('2026-09-20T00:00:00Z');
const SPAN = 130 * 86_400_000;

const rng = createRandom;

describe('CaseFacts counts', () => {
  let app: TestApp;
  const scopes: ScopeRequest[] = [{ kind: 'unit', code: '371500000000' }];

  beforeAll(async () => {
    app = await startTestApp();
    const workers = [await app.as('gridworker'), await app.as('gridworker2')];
    const random = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const weighted = ACTIONS.flatMap(([a, w]) => Array<string>(w).fill(a));
    const cases: { id: string; gridCode: string; reporterId: string }[] = [];
    for (let i = 0; i < 60; i += 1) cases.push(await buildCase(app, workers[i % 2]!));
    // Left unregistered: the timer sweep's red cards and escalations are appended too.
    app.clock.advance(2 * 3_600_000);
    expect((await sweepTimers(app.ctx)).red).toBeGreaterThan(0);
    // Each case's events around a time of its own, some far apart (up to ~4 months), some
    // cases with many of one kind; all appended interleaved, with times out of order.
    const perCase: EventInput[][] = [];
    for (const c of cases) {
      const base = START + random() * SPAN;
      const favourites = [pick(FAVOURITES), pick(FAVOURITES)];
      const n = 4 + Math.floor(random() * 20);
      const events: EventInput[] = [];
      const push = (action: CaseEventAction, fromState: CaseState, favourite: boolean) => {
        const onTime = random();
        events.push({
          caseId: c.id,
          action,
          actor: { id: 'system', role: 'SYSTEM', unitCode: null, departmentId: null },
          fromState,
          toState: pick(STATES),
          fromLevel: 'TOWNSHIP',
          toLevel: 'TOWNSHIP',
          fromUnitCode: null,
          toUnitCode: ancestorCode(c.gridCode, 'TOWNSHIP'),
          // The column, as the API sets it, and the payload mark migration 0009 read, alike;
          // some FEEDBACK without either (late for both).
          ...(action === 'FEEDBACK' && onTime < 0.8
            ? { onTime: onTime < 0.4, payload: { onTime: onTime < 0.4 } }
            : { payload: {} }),
          gridCode: c.gridCode,
          countyCode: ancestorCode(c.gridCode, 'COUNTY'),
          reporterId: c.reporterId,
          departmentIds: [],
          // Some exactly on a period's bounds (Shanghai midnight), to test both edges.
          at:
            random() < 0.06
              ? new Date(pick(BOUNDS))
              : new Date(base + (random() - 0.4) * (favourite ? 70 : 8) * 86_400_000),
        });
      };
      for (let k = 0; k < n; k += 1) {
        // A case's favourite kinds come often and far apart (before, in and after a period).
        const favourite = random() < 0.4;
        const action = favourite ? pick(favourites) : pick(weighted);
        if (action === 'LATE_CHECK') {
          push('RED_CARD', 'CHECKING', favourite);
          push(pick(['CHECK_PASS', 'CHECK_FAIL']), 'CHECKING', favourite);
        } else
          push(
            action as CaseEventAction,
            action === 'RED_CARD'
              ? pick(['REPORTED', 'CHECKING', 'CHECKING', 'CLOSED', 'DISPATCHED'])
              : pick(STATES),
            favourite,
          );
      }
      perCase.push(events);
    }
    // Appended in each case's order, the cases interleaved; times are not in that order.
    const pending: EventInput[] = [];
    for (
      let left = perCase.filter((l) => l.length > 0);
      left.length > 0;
      left = left.filter((l) => l.length > 0)
    )
      pending.push(pick(left).shift()!);
    for (let i = 0; i < pending.length; i += 25)
      await app.ctx.db.transaction(async (tx) => {
        for (const e of pending.slice(i, i + 25)) await appendEvent(tx, e);
      });
    // The lead department of every third case.
    await app.ctx.db.transaction(async (tx) => {
      for (const c of cases.filter((_, i) => i % 3 === 0)) {
        const at = new Date(START);
        await tx.task.create({
          data: {
            caseId: c.id,
            departmentId: CG,
            isLead: true,
            state: 'CLAIMED',
            dispatchedAt: at,
            dispatchedById: 'system',
            dispatchUnitCode: ancestorCode(c.gridCode, 'TOWNSHIP'),
            claimDeadline: at,
            returnDeadline: at,
            handleDeadline: at,
          },
        });
      }
    });
    const grid = cases[0]!.gridCode as string;
    scopes.push(
      { kind: 'unit', code: ancestorCode(grid, 'COUNTY') },
      { kind: 'unit', code: ancestorCode(grid, 'TOWNSHIP') },
      { kind: 'unit', code: ancestorCode(grid, 'VILLAGE') },
      { kind: 'grid', code: grid },
      { kind: 'person', id: workers[1]!.user.id },
      { kind: 'department', id: CG },
    );
  }, 120_000);
  afterAll(() => app.close());

  const periods = [
    ['2026-11-01', '2026-11-30'],
    ['2026-11-15', '2026-11-15'],
    ['2026-10-15', '2026-12-14'],
    ['2026-09-01', '2027-02-28'],
    ['2026-12-01', '2026-12-31'],
  ] as const;

  it('agree with the counts straight from the log, for every part, scope and period', async () => {
    const read = app.ctx.db.read;
    let nonZero = 0;
    for (const asked of scopes) {
      const scope = await resolveMetricsScope(app.ctx, SYSTEM_USER, asked);
      for (const [from, to] of periods) {
        const p = periodOf(from, to, new Date());
        const facts = await countParts((sql) => read.$queryRaw(sql), scope, p);
        const log: Record<string, number> = {};
        for (const name of Object.keys(PARTS) as PartName[]) {
          const rows = await read.$queryRaw<{ n: number | bigint }[]>(partSql(name, scope, p));
          log[name] = Number(rows[0]?.n ?? 0);
        }
        expect(facts, `${JSON.stringify(asked)} ${from}..${to}`).toEqual(log);
        nonZero += Object.values(log).filter((n) => n > 0).length;
      }
    }
    expect(nonZero).toBeGreaterThan(200);
  });

  it('count the same per unit below in one grouped pass (GET /api/metrics/units) as unit by unit', async () => {
    const units = scopes.filter((s): s is { kind: 'unit'; code: string } => s.kind === 'unit');
    let nonZero = 0;
    for (const { code } of units) {
      for (const [from, to] of periods) {
        const p = periodOf(from, to, new Date());
        const { children } = await compareChildUnits(app.ctx, SYSTEM_USER, code, p);
        expect(children.length).toBeGreaterThan(0);
        for (const child of children) {
          const asked: ScopeRequest =
            child.kind === 'grid' ? { kind: 'grid', code: child.code } : { kind: 'unit', code: child.code };
          const scope = await resolveMetricsScope(app.ctx, SYSTEM_USER, asked);
          const alone = ratesOf(await countParts((sql) => app.ctx.db.read.$queryRaw(sql), scope, p));
          expect(child.rates, `${child.code} ${from}..${to}`).toEqual(alone);
          nonZero += alone.filter((r) => r.numerator > 0).length;
        }
      }
    }
    expect(nonZero).toBeGreaterThan(50);
  });

  it('has the corners it is meant to test', async () => {
    const f = app.ctx.db.read.caseFacts;
    expect(await f.count({ where: { dispatchCount: { gte: 3 } } })).toBeGreaterThan(3);
    expect(await f.count({ where: { feedbackCount: { gte: 3 } } })).toBeGreaterThan(3);
    expect(await f.count({ where: { lateCheckCount: { gte: 3 } } })).toBeGreaterThan(0);
    expect(await f.count({ where: { suspendedAt: { not: null } } })).toBeGreaterThan(3);
  });

  it('are what migrations 0009 and 0014 (returns) build from the log', async () => {
    const dialect = app.ctx.db.provider;
    const sql = (name: string) =>
      readFileSync(new URL(`../../prisma/migrations/${dialect}/${name}.sql`, import.meta.url), 'utf8');
    const backfill = sql('0009_case_facts')
      .slice(sql('0009_case_facts').indexOf('INSERT INTO "CaseFacts"'))
      .replace(/;\s*$/, '');
    const returns = sql('0014_case_facts_returns');
    const backfillReturns = returns.slice(returns.indexOf('UPDATE "CaseFacts"')).replace(/;\s*$/, '');
    const differ = await app.ctx.db.transaction(async (tx) => {
      await tx.$executeRawUnsafe('CREATE TEMPORARY TABLE "folded" AS SELECT * FROM "CaseFacts"');
      await tx.$executeRawUnsafe('DELETE FROM "CaseFacts"');
      await tx.$executeRawUnsafe(backfill);
      await tx.$executeRawUnsafe(backfillReturns);
      const [a, b] = await Promise.all(
        [
          'SELECT * FROM "CaseFacts" EXCEPT SELECT * FROM "folded"',
          'SELECT * FROM "folded" EXCEPT SELECT * FROM "CaseFacts"',
        ].map((q) => tx.$queryRawUnsafe<unknown[]>(`SELECT COUNT(*) AS n FROM (${q}) d`)),
      );
      const total = await tx.$queryRawUnsafe<{ n: number | bigint }[]>('SELECT COUNT(*) AS n FROM "folded"');
      await tx.$executeRawUnsafe('DROP TABLE "folded"');
      return [Number((a as any)[0].n), Number((b as any)[0].n), Number(total[0]!.n)];
    });
    expect(differ.slice(0, 2)).toEqual([0, 0]);
    expect(differ[2]).toBeGreaterThanOrEqual(40);
  });
});
