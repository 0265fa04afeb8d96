-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "supervisedByUnitCode" TEXT,
ADD COLUMN     "supervisionDeadline" TIMESTAMP(3);
