import type { RegisterRecordType } from '@wangge/shared/register/layers';
import type { AppContext } from '../../context';
import { rebuildRegisterCounts } from './rebuild-register-counts';

/**
 * At start-up: fills the layer counts when a type holds live records but has no count row (a
 * database migrated from before the table, or the type's counts, existed). A few indexed
 * probes otherwise.
 */
export async function ensureRegisterCounts(ctx: AppContext): Promise<void> {
  const db = ctx.db.read;
  const live = { archivedAt: null };
  const probes: [RegisterRecordType, () => Promise<unknown>][] = [
    ['PERSON', () => db.person.findFirst({ where: live, select: { id: true } })],
    ['PLACE', () => db.place.findFirst({ where: live, select: { id: true } })],
    ['THING', () => db.thing.findFirst({ where: live, select: { id: true } })],
    ['ORGANISATION', () => db.organisation.findFirst({ where: live, select: { id: true } })],
    ['SITUATION', () => db.situation.findFirst({ where: live, select: { id: true } })],
    ['VISIT', () => db.personTag.findFirst({ select: { personId: true } })],
  ];
  let missing = false;
  for (const [recordType, probe] of probes) {
    if (await db.registerCount.findFirst({ where: { recordType }, select: { gridCode: true } })) continue;
    if (await probe()) missing = true;
  }
  if (!missing) return;
  const rows = await rebuildRegisterCounts(ctx);
  ctx.log(`register layer counts rebuilt: ${rows} rows`);
}
