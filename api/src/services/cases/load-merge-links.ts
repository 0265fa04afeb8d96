import type { AppContext } from '../../context';
import { decodeAttachment } from '../../db/row-codec';
import { presentAttachment } from './present-case';

/** The master a merged case points to, as its detail shows it. */
export interface MergeMaster {
  id: string;
  code: string;
  title: string;
  state: string;
}

/** A duplicate merged into a case, with its reporter and photos (they follow the master). */
export interface MergedDuplicate extends MergeMaster {
  source: string;
  createdAt: string;
  photos: ReturnType<typeof presentAttachment>[];
}

const SQL = {
  master: 'SELECT "id", "code", "title", "state" FROM "Case" WHERE "id" = ?',
  duplicates:
    'SELECT "id", "code", "title", "state", "source", "createdAt" FROM "Case" WHERE "mergedIntoId" = ? ORDER BY "createdAt", "id"',
  photos: (n: number) =>
    `SELECT * FROM "Attachment" WHERE "caseId" IN (${Array.from({ length: n }, () => '?').join(', ')}) ORDER BY "createdAt", "id"`,
  followers: 'SELECT COUNT(*) AS "n" FROM "CaseFollower" WHERE "caseId" = ?',
};

/**
 * A case's merge links (并案) for its detail: the master it was merged into, the duplicates
 * merged into it with their photos, and how many people follow it besides its reporter. The
 * caller already checked that the user may open this case (the case policy); the duplicates'
 * photos are readable through it (find-attachment.ts).
 */
export async function loadMergeLinks(ctx: AppContext, caseId: string, mergedIntoId: string | null) {
  const sql = ctx.db.reader;
  const [masters, duplicates, [count]] = await Promise.all([
    mergedIntoId ? sql.query<MergeMaster>(SQL.master, [mergedIntoId]) : Promise.resolve([]),
    sql.query<Omit<MergedDuplicate, 'photos'> & { createdAt: unknown }>(SQL.duplicates, [caseId]),
    sql.query<{ n: number | string }>(SQL.followers, [caseId]),
  ]);
  const ids = duplicates.map((d) => d.id);
  const photos = ids.length > 0 ? (await sql.query(SQL.photos(ids.length), ids)).map(decodeAttachment) : [];
  return {
    mergedInto: masters[0] ?? null,
    duplicates: duplicates.map(
      (d): MergedDuplicate => ({
        ...d,
        createdAt: new Date(d.createdAt as string | Date).toISOString(),
        photos: photos.filter((p) => p.caseId === d.id && p.mime.startsWith('image/')).map(presentAttachment),
      }),
    ),
    followerCount: Number(count?.n ?? 0),
  };
}
