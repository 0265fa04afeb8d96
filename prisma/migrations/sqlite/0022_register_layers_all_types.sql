-- AlterTable
ALTER TABLE "Person" ADD COLUMN "visitDueDay" TEXT;
