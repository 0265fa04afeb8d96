-- Whistle calls (吹哨报到) and the audience of each case event (hand-edited: Prisma's diff
-- rebuilt CaseEvent, which would drop its append-only triggers; columns are added instead).
CREATE TABLE "WhistleCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "calledAt" DATETIME NOT NULL,
    "calledById" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "reportedInAt" DATETIME,
    "reportedInById" TEXT,
    CONSTRAINT "WhistleCall_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WhistleCall_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "WhistleCall_caseId_idx" ON "WhistleCall"("caseId");
CREATE INDEX "WhistleCall_departmentId_reportedInAt_idx" ON "WhistleCall"("departmentId", "reportedInAt");

ALTER TABLE "CaseEvent" ADD COLUMN "reporterId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "CaseEvent" ADD COLUMN "audienceDepartments" TEXT;
CREATE INDEX "CaseEvent_gridCode_seq_idx" ON "CaseEvent"("gridCode", "seq");

-- Backfill the new columns of existing events: the only rewrite the log ever gets.
DROP TRIGGER "CaseEvent_no_update";
UPDATE "CaseEvent" SET
  "reporterId" = (SELECT "reporterId" FROM "Case" WHERE "Case"."id" = "CaseEvent"."caseId"),
  "audienceDepartments" = (SELECT ',' || group_concat(DISTINCT "departmentId") || ',' FROM "Task" WHERE "Task"."caseId" = "CaseEvent"."caseId");
CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
BEGIN
  SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;
