import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The case log (api/src/case-log/) is the only code that writes cases, events, tasks, whistle
// calls, facts, codes, idempotency keys and attachment links. This scans the product's source
// for any other write to those tables, through Prisma or in SQL.

const MODELS = [
  'case',
  'caseEvent',
  'task',
  'whistleCall',
  'caseFacts',
  'idempotencyKey',
  'caseCodeCounter',
  'caseFollower',
];
const TABLES = [
  'Case',
  'CaseEvent',
  'Task',
  'WhistleCall',
  'CaseFacts',
  'IdempotencyKey',
  'CaseCodeCounter',
  'CaseFollower',
];
const WRITES =
  'create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany';

const PATTERNS: [string, RegExp][] = [
  ['Prisma write', new RegExp(`\\.(${MODELS.join('|')})\\s*\\.\\s*(${WRITES})\\s*\\(`)],
  // Uploads are created unlinked and unlinked ones swept; linking one to a case is the log's.
  ['attachment link', /\.attachment\s*\.\s*(update|updateMany|updateManyAndReturn|upsert)\s*\(/],
  ['SQL write', new RegExp(`(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"(${TABLES.join('|')})"`, 'i')],
  ['SQL attachment link', /UPDATE\s+"Attachment"\s+SET\s+"caseId"/i],
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where product code lives (tests and benchmarks may build fixtures as they like). */
const SCANNED = ['api/src', 'prisma/seed', 'scripts', 'shared/src'];
const ALLOWED = ['api/src/case-log/', 'api/src/generated/'];

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') yield* sourceFiles(path);
    } else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
      yield path;
    }
  }
}

function findWrites(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      PATTERNS.filter(([, re]) => re.test(line)).map(([kind]) => `${kind} at line ${i + 1}: ${line.trim()}`),
    );
}

describe('the case log is the only writer of its tables', () => {
  it('finds the writes it is meant to find', () => {
    expect(findWrites('await tx.case.updateMany({ where })')).toHaveLength(1);
    expect(findWrites('await tx.caseEvent.create({ data })')).toHaveLength(1);
    expect(findWrites('tx.whistleCall .createMany({')).toHaveLength(1);
    expect(findWrites('db.attachment.updateMany({ data: { caseId } })')).toHaveLength(1);
    expect(findWrites('INSERT INTO "CaseFacts" ("caseId") VALUES (?)')).toHaveLength(1);
    expect(findWrites('UPDATE "Task" SET "state" = ?')).toHaveLength(1);
    expect(findWrites('UPDATE "Attachment" SET "caseId" = ?')).toHaveLength(1);
    // Reads and other tables are not writes to the log.
    expect(findWrites('tx.case.findMany({}); tx.user.update({}); SELECT * FROM "Case"')).toEqual([]);
    expect(findWrites('tx.attachment.create({ data }); tx.attachment.deleteMany({})')).toEqual([]);
  });

  it('has no write to those tables outside api/src/case-log/', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const dir of SCANNED) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const path = relative(ROOT, file);
        if (ALLOWED.some((prefix) => path.startsWith(prefix))) continue;
        scanned += 1;
        for (const hit of findWrites(readFileSync(file, 'utf8'))) offenders.push(`${path}: ${hit}`);
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
