import type { Tx } from './database';

/** Transactions opened on PostgreSQL (see `lockEventLog`). */
const postgresTransactions = new WeakSet<object>();

export function markPostgresTransaction(tx: Tx): void {
  postgresTransactions.add(tx);
}

/** Any 64-bit key of our own for pg_advisory_xact_lock. */
const EVENT_LOG_LOCK = 71_500_001;

/**
 * Call right before appending to the case event log. On PostgreSQL, concurrent transactions
 * on several nodes would otherwise commit events out of `seq` order, and a client catching up
 * "after seq N" could miss an event with a lower seq committed later. The transaction-scoped
 * advisory lock makes appends commit in seq order (held from the append to the commit only).
 * SQLite has one writer, so there it does nothing.
 */
export async function lockEventLog(tx: Tx): Promise<void> {
  if (postgresTransactions.has(tx))
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
}
