-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "audienceDepartments" TEXT,
ADD COLUMN     "reporterId" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "WhistleCall" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "calledAt" TIMESTAMP(3) NOT NULL,
    "calledById" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "reportedInAt" TIMESTAMP(3),
    "reportedInById" TEXT,

    CONSTRAINT "WhistleCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WhistleCall_caseId_idx" ON "WhistleCall"("caseId");

-- CreateIndex
CREATE INDEX "WhistleCall_departmentId_reportedInAt_idx" ON "WhistleCall"("departmentId", "reportedInAt");

-- CreateIndex
CREATE INDEX "CaseEvent_gridCode_seq_idx" ON "CaseEvent"("gridCode", "seq");

-- AddForeignKey
ALTER TABLE "WhistleCall" ADD CONSTRAINT "WhistleCall_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhistleCall" ADD CONSTRAINT "WhistleCall_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-added: backfill the new columns of existing events, the only rewrite the log ever gets.
ALTER TABLE "CaseEvent" DISABLE TRIGGER "CaseEvent_append_only";
UPDATE "CaseEvent" SET
  "reporterId" = (SELECT "reporterId" FROM "Case" WHERE "Case"."id" = "CaseEvent"."caseId"),
  "audienceDepartments" = (SELECT ',' || string_agg(DISTINCT "departmentId", ',') || ',' FROM "Task" WHERE "Task"."caseId" = "CaseEvent"."caseId");
ALTER TABLE "CaseEvent" ENABLE TRIGGER "CaseEvent_append_only";
