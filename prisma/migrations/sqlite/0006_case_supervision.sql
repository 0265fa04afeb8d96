-- Supervision orders (督办) on a case (hand-edited: plain ADD COLUMN, no table rebuild).
ALTER TABLE "Case" ADD COLUMN "supervisionDeadline" DATETIME;
ALTER TABLE "Case" ADD COLUMN "supervisedByUnitCode" TEXT;
