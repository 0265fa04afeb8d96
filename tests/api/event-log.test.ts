import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the case event log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('cannot be updated or deleted, even by direct SQL', async () => {
    const worker = await app.as('gridworker');
    const c = await buildCase(app, worker);
    const db = app.ctx.db.write;
    await expect(
      db.$executeRawUnsafe(`UPDATE "CaseEvent" SET "reason" = 'x' WHERE "caseId" = '${c.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "CaseEvent" WHERE "caseId" = '${c.id}'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await app.ctx.db.read.caseEvent.count({ where: { caseId: c.id } })).toBe(1);
  });
});
