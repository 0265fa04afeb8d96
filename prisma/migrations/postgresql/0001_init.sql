-- CreateEnum
CREATE TYPE "UnitLevel" AS ENUM ('GRID', 'VILLAGE', 'TOWNSHIP', 'COUNTY', 'CITY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'GRID_WORKER', 'STATION_OPERATOR', 'DISPATCHER', 'DEPT_STAFF', 'VIEWER', 'HOTLINE');

-- CreateEnum
CREATE TYPE "CaseState" AS ENUM ('REPORTED', 'VERIFYING', 'SELF_RESOLVED', 'REJECTED', 'REGISTERED', 'ESCALATED', 'DISPATCHED', 'RETURN_REQUESTED', 'CLAIMED', 'EXTENSION_REQUESTED', 'SUSPENDED', 'CHECKING', 'CHECKED', 'CLOSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('DISPATCHED', 'CLAIMED', 'RETURN_REQUESTED', 'RETURNED', 'FED_BACK', 'CANCELLED');

-- CreateTable
CREATE TABLE "Unit" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "UnitLevel" NOT NULL,
    "parentCode" TEXT,
    "isUrban" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "UnitCodeAlias" (
    "oldCode" TEXT NOT NULL,
    "oldName" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "changedOn" TEXT NOT NULL,

    CONSTRAINT "UnitCodeAlias_pkey" PRIMARY KEY ("oldCode")
);

-- CreateTable
CREATE TABLE "Grid" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "geometry" TEXT NOT NULL,
    "centroidLon" DOUBLE PRECISION NOT NULL,
    "centroidLat" DOUBLE PRECISION NOT NULL,
    "minLon" DOUBLE PRECISION NOT NULL,
    "minLat" DOUBLE PRECISION NOT NULL,
    "maxLon" DOUBLE PRECISION NOT NULL,
    "maxLat" DOUBLE PRECISION NOT NULL,
    "isSynthetic" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Grid_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "GridMember" (
    "id" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "userId" TEXT,

    CONSTRAINT "GridMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitCode" TEXT,
    "departmentId" TEXT,
    "phone" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "parentCode" TEXT,
    "departmentKind" TEXT,
    "limits" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'NORMAL',
    "state" "CaseState" NOT NULL,
    "ownerLevel" "UnitLevel" NOT NULL,
    "ownerUnitCode" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "isUrban" BOOLEAN NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "address" TEXT,
    "reporterId" TEXT NOT NULL,
    "leadDepartmentId" TEXT,
    "reworkCount" INTEGER NOT NULL DEFAULT 0,
    "extensionDays" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "stageDeadline" TIMESTAMP(3),
    "handleDeadline" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suspendedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL,
    "state" "TaskState" NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "dispatchedAt" TIMESTAMP(3) NOT NULL,
    "dispatchedById" TEXT NOT NULL,
    "dispatchUnitCode" TEXT NOT NULL,
    "claimDeadline" TIMESTAMP(3) NOT NULL,
    "returnDeadline" TIMESTAMP(3) NOT NULL,
    "handleDeadline" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "claimedById" TEXT,
    "returnReason" TEXT,
    "returnRequestedAt" TIMESTAMP(3),
    "extensionDays" INTEGER,
    "fedBackAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "seq" SERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorUnitCode" TEXT,
    "actorDepartmentId" TEXT,
    "fromState" "CaseState",
    "toState" "CaseState" NOT NULL,
    "fromLevel" "UnitLevel",
    "toLevel" "UnitLevel" NOT NULL,
    "fromUnitCode" TEXT,
    "toUnitCode" TEXT NOT NULL,
    "reason" TEXT,
    "payload" TEXT,
    "gridCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "fileName" TEXT,
    "uploaderId" TEXT NOT NULL,
    "caseId" TEXT,
    "eventSeq" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "CaseCodeCounter" (
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseCodeCounter_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "Unit_parentCode_idx" ON "Unit"("parentCode");

-- CreateIndex
CREATE INDEX "Grid_villageCode_idx" ON "Grid"("villageCode");

-- CreateIndex
CREATE INDEX "Grid_townshipCode_idx" ON "Grid"("townshipCode");

-- CreateIndex
CREATE INDEX "Grid_countyCode_idx" ON "Grid"("countyCode");

-- CreateIndex
CREATE INDEX "GridMember_gridCode_idx" ON "GridMember"("gridCode");

-- CreateIndex
CREATE INDEX "GridMember_userId_idx" ON "GridMember"("userId");

-- CreateIndex
CREATE INDEX "Department_unitCode_idx" ON "Department"("unitCode");

-- CreateIndex
CREATE INDEX "Department_kind_idx" ON "Department"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_code_key" ON "Case"("code");

-- CreateIndex
CREATE INDEX "Case_gridCode_state_idx" ON "Case"("gridCode", "state");

-- CreateIndex
CREATE INDEX "Case_villageCode_state_idx" ON "Case"("villageCode", "state");

-- CreateIndex
CREATE INDEX "Case_townshipCode_state_idx" ON "Case"("townshipCode", "state");

-- CreateIndex
CREATE INDEX "Case_countyCode_state_idx" ON "Case"("countyCode", "state");

-- CreateIndex
CREATE INDEX "Case_ownerUnitCode_state_idx" ON "Case"("ownerUnitCode", "state");

-- CreateIndex
CREATE INDEX "Case_state_idx" ON "Case"("state");

-- CreateIndex
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");

-- CreateIndex
CREATE INDEX "Case_reporterId_idx" ON "Case"("reporterId");

-- CreateIndex
CREATE INDEX "Task_caseId_idx" ON "Task"("caseId");

-- CreateIndex
CREATE INDEX "Task_departmentId_state_idx" ON "Task"("departmentId", "state");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_seq_idx" ON "CaseEvent"("caseId", "seq");

-- CreateIndex
CREATE INDEX "CaseEvent_countyCode_seq_idx" ON "CaseEvent"("countyCode", "seq");

-- CreateIndex
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");

-- CreateIndex
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Unit"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridMember" ADD CONSTRAINT "GridMember_gridCode_fkey" FOREIGN KEY ("gridCode") REFERENCES "Grid"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridMember" ADD CONSTRAINT "GridMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
