import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../../api/src/db/open-database';
import { migrateSqlite, SQLITE_MIGRATIONS_DIR } from '../../api/src/db/sqlite/migrate-sqlite';
import { AuthEventKind, CaseState, Role, TaskState, UnitLevel } from '../../api/src/generated/prisma/enums';
import { CASE_STATES, ROLES, TASK_STATES, UNIT_LEVELS } from '../../shared/src/domain/constants';
import { AUTH_EVENT_KINDS } from '../../shared/src/schemas/auth';

const SCHEMA = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');

/** `enum X { … }` and `model X { … }` blocks of schema.prisma, by name. */
function blocks(kind: 'enum' | 'model'): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of SCHEMA.matchAll(new RegExp(`^${kind} (\\w+) \\{([^}]*)\\}`, 'gm'))) {
    const lines = m[2]!
      .split('\n')
      .map((l) => l.trim())
      // Keep declarations only: no comments (//, ///, /** */) or block attributes (@@).
      .filter((l) => /^[A-Za-z_]\w*(\s|$)/.test(l));
    found.set(m[1]!, lines);
  }
  return found;
}
const ENUMS = blocks('enum');
const MODELS = blocks('model');

/** The scalar (and enum) fields of a model: its columns. Relation fields are not columns. */
function columnsOf(model: string): string[] {
  return MODELS.get(model)!.flatMap((line) => {
    const [name, type] = line.split(/\s+/);
    if (!name || !type) return [];
    const base = type.replace(/[[\]?]/g, '');
    return MODELS.has(base) || type.endsWith('[]') ? [] : [name];
  });
}

describe('database schema', () => {
  it('has enums listing exactly the shared lists, in order (generated client and schema.prisma)', () => {
    const pairs: [string, Record<string, string>, readonly string[]][] = [
      ['CaseState', CaseState, CASE_STATES],
      ['Role', Role, ROLES],
      ['UnitLevel', UnitLevel, UNIT_LEVELS],
      ['TaskState', TaskState, TASK_STATES],
      ['AuthEventKind', AuthEventKind, AUTH_EVENT_KINDS],
    ];
    for (const [name, generated, shared] of pairs) {
      expect([name, Object.values(generated)]).toEqual([name, [...shared]]);
      expect([name, new Set(Object.keys(generated))]).toEqual([name, new Set(shared)]);
      expect([name, ENUMS.get(name)]).toEqual([name, [...shared]]);
    }
  });

  it('lists the same enum values in the PostgreSQL migrations', () => {
    const dir = new URL('../../prisma/migrations/postgresql/', import.meta.url);
    const sql = readdirSync(dir)
      .sort()
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const created = new Map(
      [...sql.matchAll(/CREATE TYPE "(\w+)" AS ENUM \(([^)]*)\)/g)].map((m) => [
        m[1]!,
        [...m[2]!.matchAll(/'([^']*)'/g)].map((v) => v[1]),
      ]),
    );
    // Values added later (ALTER TYPE … ADD VALUE, appended at the end) are folded in.
    for (const m of sql.matchAll(/ALTER TYPE "(\w+)" ADD VALUE '([^']*)'/g)) created.get(m[1]!)?.push(m[2]!);
    expect(sql.replace(/ALTER TYPE "\w+" ADD VALUE '[^']*'/g, '')).not.toMatch(/ALTER TYPE/);
    expect(created).toEqual(
      new Map([
        ['UnitLevel', [...UNIT_LEVELS]],
        ['Role', [...ROLES]],
        ['CaseState', [...CASE_STATES]],
        ['TaskState', [...TASK_STATES]],
        ['AuthEventKind', [...AUTH_EVENT_KINDS]],
      ]),
    );
  });

  describe('a freshly migrated SQLite file', () => {
    let file: string;
    let firstRun: string[];
    let secondRun: string[];
    let db: Database;
    beforeAll(async () => {
      file = join(mkdtempSync(join(inject('runDir'), 'schema-')), 'fresh.db');
      firstRun = migrateSqlite(file);
      secondRun = migrateSqlite(file);
      db = await openDatabase(`file:${file}`);
    });
    afterAll(() => db?.close());

    const tables = async () =>
      (
        await db.read.$queryRawUnsafe<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      ).map((t) => t.name);

    it('applies every migration once; applying them again is a no-op', async () => {
      const files = readdirSync(SQLITE_MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort();
      expect(files.length).toBeGreaterThan(0);
      expect(firstRun).toEqual(files);
      expect(secondRun).toEqual([]);
      const before = await db.read.$queryRawUnsafe<{ sql: string }[]>(
        'SELECT sql FROM sqlite_master ORDER BY name',
      );
      expect(migrateSqlite(file)).toEqual([]);
      const after = await db.read.$queryRawUnsafe<{ sql: string }[]>(
        'SELECT sql FROM sqlite_master ORDER BY name',
      );
      expect(after).toEqual(before);
      const recorded = await db.read.$queryRawUnsafe<{ name: string }[]>(
        'SELECT name FROM "_migrations" ORDER BY name',
      );
      expect(recorded.map((r) => r.name)).toEqual(files);
    });

    it('has a table for every model of schema.prisma, and no others', async () => {
      expect(MODELS.size).toBeGreaterThan(10);
      expect(await tables()).toEqual([...MODELS.keys(), '_migrations'].sort());
    });

    it("has every model's fields as columns", async () => {
      for (const model of MODELS.keys()) {
        const info = await db.read.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${model}")`);
        expect([model, info.map((c) => c.name).sort()]).toEqual([model, columnsOf(model).sort()]);
      }
    });
  });
});
