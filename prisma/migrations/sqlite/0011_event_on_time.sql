-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN "onTime" BOOLEAN;

-- Hand-written: the events written before this column carry the mark in their JSON payload
-- (the API wrote "onTime":true|false there); copy it, with the append-only guard lifted for
-- this one statement, as 0004 did.
DROP TRIGGER "CaseEvent_no_update";
UPDATE "CaseEvent" SET "onTime" = CASE
    WHEN "payload" LIKE '%"onTime":true%' THEN 1
    ELSE 0
  END
  WHERE "action" IN ('FEEDBACK', 'REPORT_IN');
CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
BEGIN
  SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;
