import type { Tx } from '../db/database';
import type { Prisma } from '../generated/prisma/client';

/**
 * What an action changes in a case's tasks and whistle calls, as data: the workflow's effects
 * (services/cases/action-effects.ts) decide, the case log writes (`applyTaskWrites`).
 */
export type TaskWrite =
  | { kind: 'createTasks'; rows: Prisma.TaskCreateManyInput[] }
  | { kind: 'updateTask'; id: string; data: Prisma.TaskUpdateManyMutationInput }
  | { kind: 'updateTasks'; where: Prisma.TaskWhereInput; data: Prisma.TaskUpdateManyMutationInput }
  | { kind: 'createWhistles'; rows: Prisma.WhistleCallCreateManyInput[] }
  | { kind: 'updateWhistles'; ids: string[]; data: Prisma.WhistleCallUpdateManyMutationInput };

/** Applies `writes` in order, in the action's transaction. */
export async function applyTaskWrites(tx: Tx, writes: readonly TaskWrite[] = []): Promise<void> {
  for (const w of writes) {
    switch (w.kind) {
      case 'createTasks':
        await tx.task.createMany({ data: w.rows });
        break;
      case 'updateTask':
        await tx.task.update({ where: { id: w.id }, data: w.data });
        break;
      case 'updateTasks':
        await tx.task.updateMany({ where: w.where, data: w.data });
        break;
      case 'createWhistles':
        await tx.whistleCall.createMany({ data: w.rows });
        break;
      case 'updateWhistles':
        await tx.whistleCall.updateMany({ where: { id: { in: w.ids } }, data: w.data });
        break;
    }
  }
}
