import type { Tx } from './database';

/** Transactions opened on PostgreSQL (tagged by open-postgres.ts). */
const postgresTransactions = new WeakSet<object>();

export function markPostgresTransaction(tx: Tx): void {
  postgresTransactions.add(tx);
}

/** Our keys for pg_advisory_xact_lock (any 64-bit numbers of our own). */
export const LOCKS = { eventLog: 71_500_001, seed: 71_500_002 } as const;

/**
 * Holds a cluster-wide lock until the transaction ends, on PostgreSQL. SQLite has one writer
 * (every write transaction already excludes the others), so there it does nothing.
 */
async function advisoryLock(tx: Tx, key: number): Promise<void> {
  if (postgresTransactions.has(tx)) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${key})`);
}

/**
 * Call right before appending to the case event log. On PostgreSQL, concurrent transactions
 * on several nodes would otherwise commit events out of `seq` order, and a client catching up
 * "after seq N" could miss an event with a lower seq committed later. Held from the append to
 * the commit only.
 */
export const lockEventLog = (tx: Tx) => advisoryLock(tx, LOCKS.eventLog);

/** Seeding an empty database: two nodes starting at once on it seed it once. */
export const lockSeeding = (tx: Tx) => advisoryLock(tx, LOCKS.seed);
