import type { Tx } from './database';

/** Transactions opened on PostgreSQL (tagged by open-postgres.ts). */
const postgresTransactions = new WeakSet<object>();

export function markPostgresTransaction(tx: Tx): void {
  postgresTransactions.add(tx);
}

/** Our keys for pg_advisory_xact_lock (any 64-bit numbers of our own). */
// 71_500_001 serialized appends to the event log until migration 0012 made that unnecessary.
export const LOCKS = { seed: 71_500_002, registerCounts: 71_500_003 } as const;

/**
 * Holds a cluster-wide lock until the transaction ends, on PostgreSQL. SQLite has one writer
 * (every write transaction already excludes the others), so there it does nothing.
 */
async function advisoryLock(tx: Tx, key: number): Promise<void> {
  if (postgresTransactions.has(tx)) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${key})`);
}

/** Seeding an empty database: two nodes starting at once on it seed it once. */
export const lockSeeding = (tx: Tx) => advisoryLock(tx, LOCKS.seed);

/** Register writes recount their cells (services/register/recount-register-cells.ts): one at a time. */
export const lockRegisterCounts = (tx: Tx) => advisoryLock(tx, LOCKS.registerCounts);

/**
 * Locks a case's row until the transaction ends, on PostgreSQL, before an action reads it. The
 * action reads the case and its tasks in two statements; under READ COMMITTED a concurrent
 * action committing between them made the second see the other's tasks beside the case's old
 * version (a claim answered INVALID_STATE instead of VERSION_CONFLICT). Actions on one case
 * conflict anyway: the second now waits for the first and then sees its version. SQLite runs
 * one write transaction at a time: nothing to do.
 */
export async function lockCase(tx: Tx, id: string): Promise<void> {
  if (postgresTransactions.has(tx)) await tx.$queryRaw`SELECT 1 FROM "Case" WHERE "id" = ${id} FOR UPDATE`;
}
