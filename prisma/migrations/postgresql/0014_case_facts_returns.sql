-- AlterTable
ALTER TABLE "CaseFacts" ADD COLUMN     "firstReturnAt" TIMESTAMP(3),
ADD COLUMN     "lastReturnAt" TIMESTAMP(3),
ADD COLUMN     "returnCount" INTEGER NOT NULL DEFAULT 0;

-- Fold the returns written before this migration (ACCEPT_RETURN events) into CaseFacts, as
-- api/src/case-log/case-facts.ts does for each new one.
UPDATE "CaseFacts" SET
  "firstReturnAt" = (SELECT MIN(e."createdAt") FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN'),
  "lastReturnAt" = (SELECT MAX(e."createdAt") FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN'),
  "returnCount" = (SELECT COUNT(*) FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN')
WHERE EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN');
