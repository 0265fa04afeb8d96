-- Hand-written: nothing to do on SQLite. One writer at a time commits events in seq order, so
-- a client resuming after a seq cannot miss a lower one committed later. PostgreSQL records
-- each event's place in commit order instead (postgresql/0012_event_commit_order.sql).
SELECT 1;
