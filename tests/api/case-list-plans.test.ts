import { ZListCasesQuery } from '@wangge/shared/schemas/cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../api/src/services/auth/login';
import { listBranchQueries } from '../../api/src/services/cases/list-cases';
import { DEMO_PASSWORD } from '../support/paths';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_POSTGRES_URL } from '../support/test-database';

// A list query runs one statement per branch of the caller's scope, each ordered by an index
// and cut at the page size. A branch whose rows SQLite can only find by walking the case table
// in date order and testing each row (a correlated EXISTS) reads the whole table when it has
// fewer rows than a page: the follower branch did that for every grid worker and station until
// it became an IN over the user's own follower rows. SQLite's plans (EXPLAIN QUERY PLAN); on
// PostgreSQL the planner is another one and the CI's SQLite run covers this.

/** Accounts whose scope has several branches or a narrow one: a cell, a village, a township. */
const ACCOUNTS = ['gridworker', 'village.operator', 'township.dispatcher', 'hotline'];
const QUERIES = [{}, { mine: 'reported' }, { sort: 'deadline' }, { state: 'REPORTED,REGISTERED' }];

describe.skipIf(TEST_POSTGRES_URL)('case list plans (SQLite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function plan(sql: string, values: unknown[]): Promise<string[]> {
    const rows = await app.ctx.db.reader.query(`EXPLAIN QUERY PLAN ${sql}`, values);
    return rows.map((r) => String(r.detail));
  }

  it.each(ACCOUNTS)(
    'no branch of %s’s lists walks the case table testing a subquery per row',
    async (username) => {
      const { user } = await login(app.ctx, username, DEMO_PASSWORD);
      for (const raw of QUERIES) {
        const q = ZListCasesQuery.parse(raw);
        for (const query of listBranchQueries(user, q)) {
          const steps = await plan(query.sql, query.values);
          const scansCases = steps.some((s) => /^SCAN c\b/.test(s));
          const perRow = steps.some((s) => /CORRELATED|EXISTS USING/.test(s));
          expect({ query: query.sql, steps, walksAndTests: scansCases && perRow }).toMatchObject({
            walksAndTests: false,
          });
        }
      }
    },
  );

  it('a follower branch starts from the user’s follower rows', async () => {
    const { user } = await login(app.ctx, 'gridworker', DEMO_PASSWORD);
    const branches = listBranchQueries(user, ZListCasesQuery.parse({}));
    const followed = branches.find((b) => b.sql.includes('"CaseFollower"'));
    expect(followed).toBeDefined();
    const steps = await plan(followed!.sql, followed!.values);
    expect(steps.join(' | ')).toMatch(/CaseFollower_userId_at_idx \(userId=\?\)/);
  });
});
