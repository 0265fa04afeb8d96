import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqlite, SQLITE_MIGRATIONS_DIR } from '../../api/src/db/sqlite/migrate-sqlite';
import { RawSqlite } from '../../bench/lib/sqlite';

// Migration 0011 moves the on-time mark of FEEDBACK and REPORT_IN events from the JSON payload
// into the onTime column, on a log that is otherwise append-only.
describe('migration 0011 (CaseEvent.onTime)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-0011-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the payload mark of the events written before it and keeps the log append-only', () => {
    const before = join(dir, 'before');
    mkdirSync(before);
    for (const name of readdirSync(SQLITE_MIGRATIONS_DIR).filter((f) => f < '0011'))
      copyFileSync(join(SQLITE_MIGRATIONS_DIR, name), join(before, name));
    const file = join(dir, 'log.db');
    migrateSqlite(file, before);

    const db = new RawSqlite(file);
    // Events of a case that is not there: only the log matters here.
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      `INSERT INTO "CaseEvent" ("caseId", "action", "actorId", "actorRole", "toState", "toLevel", "toUnitCode", "payload", "gridCode", "countyCode")
       VALUES ('c1', ?, 'u', 'DEPT_STAFF', 'CHECKING', 'TOWNSHIP', '371502001000', ?, '371502001001001', '371502')`,
    );
    const rows: [string, string | null, number | null][] = [
      ['FEEDBACK', '{"departmentId":"d","onTime":true}', 1],
      ['FEEDBACK', '{"departmentId":"d","onTime":false}', 0],
      ['FEEDBACK', null, 0],
      ['REPORT_IN', '{"onTime":true}', 1],
      ['CLAIM', '{"onTime":true}', null],
      ['REGISTER', null, null],
    ];
    for (const [action, payload] of rows) insert.run(action, payload);
    db.close();

    expect(migrateSqlite(file)).toEqual(readdirSync(SQLITE_MIGRATIONS_DIR).filter((f) => f >= '0011'));
    const after = new RawSqlite(file);
    const got = after.prepare('SELECT "action", "payload", "onTime" FROM "CaseEvent" ORDER BY "seq"').all();
    expect(got).toEqual(rows.map(([action, payload, onTime]) => ({ action, payload, onTime })));
    expect(() => after.prepare('UPDATE "CaseEvent" SET "onTime" = 1').run()).toThrow(/append-only/);
    after.close();
  });
});
