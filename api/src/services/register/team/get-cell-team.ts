import type { AppContext } from '../../../context';
import { notFound } from '../../../http/app-error';
import type { RecordView } from '../../../policies/register';
import { type HistoryEntry, readRegisterChanges } from '../records/register-changes';
import { gridWhere, MEMBER_SELECT } from './cell-scope';

/** A cell's 1+N team as shown: members in order, phones masked, the team version and history. */
export interface CellTeamView {
  gridCode: string;
  version: number;
  members: { id: string; role: string; name: string; userId: string | null; phoneMasked: string | null }[];
  history: HistoryEntry[];
}

/** The 1+N team of a cell the caller may see (404 otherwise). */
export async function getCellTeam(ctx: AppContext, view: RecordView, code: string): Promise<CellTeamView> {
  const grid = await ctx.db.read.grid.findFirst({
    where: gridWhere(view.where, code),
    select: {
      code: true,
      teamVersion: true,
      members: { select: MEMBER_SELECT, orderBy: [{ position: 'asc' }, { role: 'asc' }] },
    },
  });
  if (!grid) throw notFound('No such grid cell.');
  return {
    gridCode: grid.code,
    version: grid.teamVersion,
    members: grid.members.map(({ position: _position, ...m }) => m),
    history: await readRegisterChanges(ctx, 'CELL_TEAM', code),
  };
}
