-- Hand-written, PostgreSQL only: where each event stands in commit order, so appends need no
-- cluster-wide lock (docs/realtime.md "Catch-up").
--   "txid":   the appending transaction (pg_current_xact_id()).
--   "txSnap": the snapshot of the inserting statement (pg_current_snapshot()): which
--             transactions had committed when the row was inserted.
-- An event with a lower seq that commits after this one belongs to a transaction this
-- snapshot does not see (still running, or started since): a client resuming after this seq
-- is also sent those (api/src/realtime/replay.ts).
-- Not in schema.prisma: Prisma has no xid8 or pg_snapshot type, the database fills both on
-- every insert, and only the catch-up query reads them. Events written before this migration
-- keep NULL (they committed long ago).
ALTER TABLE "CaseEvent" ADD COLUMN "txid" xid8;
ALTER TABLE "CaseEvent" ADD COLUMN "txSnap" pg_snapshot;
ALTER TABLE "CaseEvent" ALTER COLUMN "txid" SET DEFAULT pg_current_xact_id();
ALTER TABLE "CaseEvent" ALTER COLUMN "txSnap" SET DEFAULT pg_current_snapshot();
CREATE INDEX "CaseEvent_txid_idx" ON "CaseEvent"("txid");
