-- Hand-written: the case event log is append-only. History is never rewritten, whatever
-- code runs against the database.
CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
BEGIN
  SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;

CREATE TRIGGER "CaseEvent_no_delete" BEFORE DELETE ON "CaseEvent"
BEGIN
  SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;
