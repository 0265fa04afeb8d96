-- AlterTable
ALTER TABLE "RegisterAccess" ALTER COLUMN "personId" DROP NOT NULL;
