-- DropIndex
DROP INDEX "Place_gridCode_idx";

-- AlterTable
ALTER TABLE "Grid" ADD COLUMN     "teamVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "GridMember" DROP COLUMN "phone",
ADD COLUMN     "phoneCipher" TEXT,
ADD COLUMN     "phoneIndex" TEXT,
ADD COLUMN     "phoneMasked" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "thingId" TEXT;

-- AlterTable
ALTER TABLE "Place" ADD COLUMN     "address" TEXT,
ADD COLUMN     "archiveReason" TEXT,
ADD COLUMN     "countyCode" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "townshipCode" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "villageCode" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Thing" (
    "id" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "classCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "archiveReason" TEXT,

    CONSTRAINT "Thing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "placeId" TEXT,
    "contactName" TEXT,
    "contactPhoneCipher" TEXT,
    "contactPhoneIndex" TEXT,
    "contactPhoneMasked" TEXT,
    "lon" DOUBLE PRECISION,
    "lat" DOUBLE PRECISION,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "archiveReason" TEXT,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Situation" (
    "id" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "placeId" TEXT,
    "personId" TEXT,
    "authorId" TEXT NOT NULL,
    "caseId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "archiveReason" TEXT,

    CONSTRAINT "Situation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterChange" (
    "id" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "changes" TEXT NOT NULL,

    CONSTRAINT "RegisterChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Thing_code_key" ON "Thing"("code");

-- CreateIndex
CREATE INDEX "Thing_gridCode_archivedAt_idx" ON "Thing"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Thing_villageCode_idx" ON "Thing"("villageCode");

-- CreateIndex
CREATE INDEX "Thing_townshipCode_idx" ON "Thing"("townshipCode");

-- CreateIndex
CREATE INDEX "Thing_countyCode_idx" ON "Thing"("countyCode");

-- CreateIndex
CREATE INDEX "Thing_classCode_idx" ON "Thing"("classCode");

-- CreateIndex
CREATE INDEX "Thing_createdAt_id_idx" ON "Thing"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Organisation_gridCode_archivedAt_idx" ON "Organisation"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Organisation_villageCode_idx" ON "Organisation"("villageCode");

-- CreateIndex
CREATE INDEX "Organisation_townshipCode_idx" ON "Organisation"("townshipCode");

-- CreateIndex
CREATE INDEX "Organisation_countyCode_idx" ON "Organisation"("countyCode");

-- CreateIndex
CREATE INDEX "Organisation_contactPhoneIndex_idx" ON "Organisation"("contactPhoneIndex");

-- CreateIndex
CREATE INDEX "Organisation_createdAt_id_idx" ON "Organisation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Situation_gridCode_archivedAt_idx" ON "Situation"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Situation_villageCode_idx" ON "Situation"("villageCode");

-- CreateIndex
CREATE INDEX "Situation_townshipCode_idx" ON "Situation"("townshipCode");

-- CreateIndex
CREATE INDEX "Situation_countyCode_idx" ON "Situation"("countyCode");

-- CreateIndex
CREATE INDEX "Situation_placeId_idx" ON "Situation"("placeId");

-- CreateIndex
CREATE INDEX "Situation_personId_idx" ON "Situation"("personId");

-- CreateIndex
CREATE INDEX "Situation_createdAt_id_idx" ON "Situation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "RegisterChange_recordType_recordId_version_idx" ON "RegisterChange"("recordType", "recordId", "version");

-- CreateIndex
CREATE INDEX "GridMember_phoneIndex_idx" ON "GridMember"("phoneIndex");

-- CreateIndex
CREATE INDEX "Case_thingId_idx" ON "Case"("thingId");

-- CreateIndex
CREATE INDEX "Place_gridCode_archivedAt_idx" ON "Place"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Place_villageCode_idx" ON "Place"("villageCode");

-- CreateIndex
CREATE INDEX "Place_townshipCode_idx" ON "Place"("townshipCode");

-- CreateIndex
CREATE INDEX "Place_countyCode_idx" ON "Place"("countyCode");

-- CreateIndex
CREATE INDEX "Place_parentId_idx" ON "Place"("parentId");

-- CreateIndex
CREATE INDEX "Place_createdAt_id_idx" ON "Place"("createdAt", "id");
