-- Hand-written: the case event log is append-only. History is never rewritten, whatever
-- code runs against the database.
CREATE FUNCTION "case_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'CaseEvent is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CaseEvent_append_only" BEFORE UPDATE OR DELETE ON "CaseEvent"
FOR EACH ROW EXECUTE FUNCTION "case_event_append_only"();
