import type { Tx } from './database';

/** Transactions opened on PostgreSQL (tagged by open-postgres.ts). */
const postgresTransactions = new WeakSet<object>();

export function markPostgresTransaction(tx: Tx): void {
  postgresTransactions.add(tx);
}

/** Our keys for pg_advisory_xact_lock (any 64-bit numbers of our own). */
// 71_500_001 serialized appends to the event log until migration 0012 made that unnecessary.
export const LOCKS = { seed: 71_500_002 } as const;

/**
 * Holds a cluster-wide lock until the transaction ends, on PostgreSQL. SQLite has one writer
 * (every write transaction already excludes the others), so there it does nothing.
 */
async function advisoryLock(tx: Tx, key: number): Promise<void> {
  if (postgresTransactions.has(tx)) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${key})`);
}

/** Seeding an empty database: two nodes starting at once on it seed it once. */
export const lockSeeding = (tx: Tx) => advisoryLock(tx, LOCKS.seed);
