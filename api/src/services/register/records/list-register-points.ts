import { POINTS_LIMIT, type RegisterPoint, type TPointsQuery } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import type { RecordView } from '../../../policies/register';
import type { RecordDescriptor } from './record-descriptor';

/** The rows of a layer's class: a kind, a component top class, or components at fault. */
function classFilter(d: RecordDescriptor, cls: string): object {
  if (cls === '') return {};
  if (d.type !== 'things') return { [d.kindColumn]: cls };
  return cls === 'FAULTY' ? { state: { not: 'NORMAL' } } : { classCode: { startsWith: cls } };
}

/**
 * The located live records of a register layer in a box, among those the caller may see (the
 * record policy: out of it, nothing), nearest the box's south first through the `lat` index,
 * at most POINTS_LIMIT. The map draws them at village zoom; each opens its record.
 */
export async function listRegisterPoints(
  ctx: AppContext,
  view: RecordView,
  d: RecordDescriptor,
  q: TPointsQuery,
): Promise<{ points: RegisterPoint[]; truncated: boolean }> {
  const cls = q.layer.split(':')[1] ?? '';
  const { west, south, east, north } = q.bbox;
  const rows = await d.table(ctx.db.read).findMany({
    where: {
      AND: [
        view.where,
        { archivedAt: null, lat: { gte: south, lte: north }, lon: { gte: west, lte: east } },
        classFilter(d, cls),
      ],
    },
    orderBy: [{ lat: 'asc' }, { id: 'asc' }],
    take: POINTS_LIMIT + 1,
    select: {
      id: true,
      name: true,
      lon: true,
      lat: true,
      [d.kindColumn]: true,
      ...(d.type === 'things' ? { state: true } : {}),
    },
  });
  return {
    points: rows.slice(0, POINTS_LIMIT).map((r) => ({
      id: r.id,
      name: String(r.name),
      kind: String(r[d.kindColumn]),
      lon: Number(r.lon),
      lat: Number(r.lat),
      ...(r.state ? { state: String(r.state) } : {}),
    })),
    truncated: rows.length > POINTS_LIMIT,
  };
}
