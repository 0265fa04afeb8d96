import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openRaw, type RawDatabase } from './sqlite';
import { type Summary, summarize } from './stats';

/** The demo grid worker and the place they report in, read from the seeded database. */
export interface Reporter {
  userId: string;
  role: string;
  unitCode: string | null;
  departmentId: string | null;
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  isUrban: boolean;
  lon: number;
  lat: number;
  categoryCode: string;
  categoryName: string;
}

export function findReporter(db: RawDatabase, username: string, categoryCode: string): Reporter {
  const row = db
    .prepare(
      `SELECT u."id" AS userId, u."role" AS role, u."unitCode" AS unitCode, u."departmentId" AS departmentId,
              g."code" AS gridCode, g."villageCode" AS villageCode, g."townshipCode" AS townshipCode,
              g."countyCode" AS countyCode, g."centroidLon" AS lon, g."centroidLat" AS lat, v."isUrban" AS isUrban
         FROM "User" u
         JOIN "GridMember" m ON m."userId" = u."id"
         JOIN "Grid" g ON g."code" = m."gridCode"
         JOIN "Unit" v ON v."code" = g."villageCode"
        WHERE u."username" = ?
        ORDER BY g."code" LIMIT 1`,
    )
    .get(username) as Omit<Reporter, 'categoryCode' | 'categoryName' | 'isUrban'> & { isUrban: number };
  if (!row) throw new Error(`seeded database has no grid worker ${username}`);
  const category = db.prepare('SELECT "name" FROM "Category" WHERE "code" = ?').get(categoryCode) as
    | { name: string }
    | undefined;
  if (!category) throw new Error(`seeded database has no category ${categoryCode}`);
  return { ...row, isUrban: row.isUrban === 1, categoryCode, categoryName: category.name };
}

/** DATETIME as the Prisma better-sqlite3 adapter writes it (iso8601, "+00:00"). */
const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');

export interface RawResults {
  insert: { n: number; seconds: number; perSecond: number; tx: Summary };
  /** The API's whole transaction, raw: counter upsert + case + event + idempotency key. */
  insertLikeForLike: { n: number; seconds: number; perSecond: number; tx: Summary };
  readById: Summary;
  /** Case + tasks + events + attachments by case id: what GET /api/cases/:id reads. */
  readCaseWithLog: Summary;
  /** The grid worker's first page of the case list (21 rows, newest first). */
  readListPage: Summary;
  /** Cases in the raw database (all in the grid worker's cell) when the reads ran. */
  casesAtReads: number;
}

/**
 * The raw better-sqlite3 baseline on a copy of the seeded database: the same columns the API
 * writes, prepared statements, one transaction per case. Synchronous, so run it while nothing
 * else is busy.
 */
export function runRawBaseline(file: string, reporter: Reporter, n: number, reads: number): RawResults {
  const db = openRaw(file);
  try {
    const insertCase = db.prepare(
      `INSERT INTO "Case" ("id", "code", "title", "description", "categoryCode", "source", "priority", "state",
         "ownerLevel", "ownerUnitCode", "gridCode", "villageCode", "townshipCode", "countyCode", "isUrban", "lon", "lat",
         "address", "reporterId", "stageDeadline", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO "CaseEvent" ("caseId", "action", "actorId", "actorRole", "actorUnitCode", "actorDepartmentId",
         "fromState", "toState", "fromLevel", "toLevel", "fromUnitCode", "toUnitCode", "reason", "payload",
         "gridCode", "countyCode", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const bumpCounter = db.prepare(
      `INSERT INTO "CaseCodeCounter" ("day", "last") VALUES (?, 1)
       ON CONFLICT ("day") DO UPDATE SET "last" = "CaseCodeCounter"."last" + 1 RETURNING "last"`,
    );
    const insertKey = db.prepare(
      `INSERT INTO "IdempotencyKey" ("userId", "key", "requestHash", "caseId", "createdAt") VALUES (?, ?, ?, ?, ?)`,
    );
    const r = reporter;
    const writeCase = (code: string, i: number) => {
      const now = new Date();
      const at = iso(now);
      const id = randomUUID();
      const description = `bench raw report ${i}: 早市摊贩占用人行道经营`;
      insertCase.run(
        id,
        code,
        `${r.categoryName}：${description.slice(0, 30)}`,
        description,
        r.categoryCode,
        'GRID_WORKER',
        'NORMAL',
        'REPORTED',
        'VILLAGE',
        r.villageCode,
        r.gridCode,
        r.villageCode,
        r.townshipCode,
        r.countyCode,
        r.isUrban ? 1 : 0,
        r.lon,
        r.lat,
        null,
        r.userId,
        iso(new Date(now.getTime() + 86_400_000)),
        at,
        at,
      );
      insertEvent.run(
        id,
        'REPORT',
        r.userId,
        r.role,
        r.unitCode,
        r.departmentId,
        null,
        'REPORTED',
        null,
        'VILLAGE',
        null,
        r.villageCode,
        null,
        JSON.stringify({
          source: 'GRID_WORKER',
          location: { lon: r.lon, lat: r.lat },
          categoryCode: r.categoryCode,
        }),
        r.gridCode,
        r.countyCode,
        at,
      );
      return { id, at };
    };

    const ids: string[] = [];
    const plain = db.transaction((i: number) => {
      const { id } = writeCase(`RAW-${String(i).padStart(8, '0')}`, i);
      ids.push(id);
    });
    const likeForLike = db.transaction((i: number) => {
      const last = Number((bumpCounter.get('raw-bench') as { last: number | bigint }).last);
      const { id, at } = writeCase(`RAWL-${String(last).padStart(8, '0')}`, i);
      insertKey.run(r.userId, `raw-${i}-${randomUUID()}`, 'x'.repeat(64), id, at);
    });

    const timeInserts = (tx: (i: number) => void) => {
      for (let i = 0; i < 50; i++) tx(-1 - i); // warm-up (JIT, page cache), not counted
      const lat: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        tx(i);
        lat.push(performance.now() - s);
      }
      const seconds = (performance.now() - t0) / 1000;
      return { n, seconds, perSecond: n / seconds, tx: summarize(lat) };
    };
    const insert = timeInserts(plain);
    const insertLikeForLike = timeInserts(likeForLike);

    const byId = db.prepare('SELECT * FROM "Case" WHERE "id" = ?');
    const tasks = db.prepare('SELECT * FROM "Task" WHERE "caseId" = ? ORDER BY "dispatchedAt" ASC');
    const events = db.prepare('SELECT * FROM "CaseEvent" WHERE "caseId" = ? ORDER BY "seq" ASC');
    const attachments = db.prepare('SELECT * FROM "Attachment" WHERE "caseId" = ? ORDER BY "createdAt" ASC');
    const listPage = db.prepare(
      `SELECT * FROM "Case" WHERE ("gridCode" IN (?) OR "reporterId" = ?)
        ORDER BY "createdAt" DESC, "id" DESC LIMIT 21`,
    );
    const timeReads = (fn: (id: string) => unknown, count = reads) => {
      const lat: number[] = [];
      for (let i = 0; i < count + 200; i++) {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const s = performance.now();
        const row = fn(id);
        const ms = performance.now() - s;
        if (!row) throw new Error(`raw read found nothing for ${id}`);
        if (i >= 200) lat.push(ms); // the first 200 warm up
      }
      return summarize(lat);
    };
    const readById = timeReads((id) => byId.get(id));
    const readCaseWithLog = timeReads((id) => {
      const c = byId.get(id);
      return c && { c, t: tasks.all(id), e: events.all(id), a: attachments.all(id) };
    });
    // Milliseconds each (it sorts the whole cell's cases): fewer samples keep the run short.
    const readListPage = timeReads(
      () => listPage.all(r.gridCode, r.userId).length === 21,
      Math.min(reads, 800),
    );
    const casesAtReads = Number((db.prepare('SELECT count(*) AS n FROM "Case"').get() as { n: number }).n);
    return { insert, insertLikeForLike, readById, readCaseWithLog, readListPage, casesAtReads };
  } finally {
    db.close();
  }
}
