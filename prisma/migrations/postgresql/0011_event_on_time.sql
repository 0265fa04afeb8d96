-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "onTime" BOOLEAN;

-- Hand-written: the events written before this column carry the mark in their JSON payload
-- (the API wrote "onTime":true|false there); copy it, with the append-only guard lifted for
-- this one statement, as 0004 did.
ALTER TABLE "CaseEvent" DISABLE TRIGGER "CaseEvent_append_only";
UPDATE "CaseEvent" SET "onTime" = (COALESCE("payload", '') LIKE '%"onTime":true%')
  WHERE "action" IN ('FEEDBACK', 'REPORT_IN');
ALTER TABLE "CaseEvent" ENABLE TRIGGER "CaseEvent_append_only";
