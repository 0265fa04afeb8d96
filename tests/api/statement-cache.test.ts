import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/src/db/database';
import { openSqlite } from '../../api/src/db/sqlite/open-sqlite';
import { cacheStatements } from '../../api/src/db/sqlite/statement-cache';

// The SQLite adapter's prepared statements are reused (statement-cache.ts): a cached statement
// must never answer with another call's parameters, rows or mode.
describe('SQLite statement cache', () => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wangge-stmt-cache-'));
    db = await openSqlite(join(dir, 'cache.db'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const category = (code: string) => ({
    code,
    name: `类别 ${code}`,
    nameEn: `Category ${code}`,
    parentCode: null,
    isActive: code.endsWith('1'),
  });

  it('answers each call with its own parameters through reused statements', async () => {
    await db.transaction((tx) => tx.category.createMany({ data: ['9901', '9902', '9903'].map(category) }));
    for (let round = 0; round < 50; round++) {
      for (const code of ['9901', '9902', '9903']) {
        const row = await db.read.category.findUnique({ where: { code } });
        expect(row).toMatchObject({ code, name: `类别 ${code}`, isActive: code.endsWith('1') });
      }
      expect(await db.read.category.count({ where: { code: { startsWith: '99' } } })).toBe(3);
      expect(await db.read.category.findUnique({ where: { code: '0000' } })).toBeNull();
    }
  });

  it('keeps transactions, rollbacks and constraint errors as without the cache', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.category.create({ data: category('9911') });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.read.category.findUnique({ where: { code: '9911' } })).toBeNull();
    for (let i = 0; i < 3; i++) {
      await expect(
        db.transaction((tx) => tx.category.create({ data: category('9901') })),
      ).rejects.toMatchObject({
        code: 'P2002',
      });
    }
    const updated = await db.transaction((tx) =>
      tx.category.updateMany({ where: { code: { in: ['9902', '9903'] } }, data: { isActive: true } }),
    );
    expect(updated.count).toBe(2);
    expect(await db.read.category.count({ where: { code: { startsWith: '99' }, isActive: true } })).toBe(3);
  });

  it('evicts the least recently used statement beyond its bound', async () => {
    const prepared: string[] = [];
    const fake = {
      prepare: (sql: string) => {
        prepared.push(sql);
        return { reader: true, columns: () => [], run: () => ({}), raw: () => undefined, all: () => [[sql]] };
      },
    };
    cacheStatements(fake as never, 2);
    const all = (sql: string) =>
      (fake.prepare(sql) as unknown as { bind(a: unknown[]): { raw(): { all(): unknown } } })
        .bind([])
        .raw()
        .all();
    for (const sql of ['a', 'b', 'a', 'c', 'a', 'b']) expect(all(sql)).toEqual([[sql]]);
    // a, b prepared; a hit; c evicts b; a hit; b prepared again (evicting c).
    expect(prepared).toEqual(['a', 'b', 'c', 'b']);
  });
});
