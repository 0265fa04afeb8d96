-- CreateTable
CREATE TABLE "Unit" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentCode" TEXT,
    "isUrban" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Unit_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Unit" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitCodeAlias" (
    "oldCode" TEXT NOT NULL PRIMARY KEY,
    "oldName" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "changedOn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Grid" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "geometry" TEXT NOT NULL,
    "centroidLon" REAL NOT NULL,
    "centroidLat" REAL NOT NULL,
    "minLon" REAL NOT NULL,
    "minLat" REAL NOT NULL,
    "maxLon" REAL NOT NULL,
    "maxLat" REAL NOT NULL,
    "isSynthetic" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GridMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "userId" TEXT,
    CONSTRAINT "GridMember_gridCode_fkey" FOREIGN KEY ("gridCode") REFERENCES "Grid" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GridMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitCode" TEXT,
    "departmentId" TEXT,
    "phone" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Category" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "parentCode" TEXT,
    "departmentKind" TEXT,
    "limits" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Holiday" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'NORMAL',
    "state" TEXT NOT NULL,
    "ownerLevel" TEXT NOT NULL,
    "ownerUnitCode" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "isUrban" BOOLEAN NOT NULL,
    "lon" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "address" TEXT,
    "reporterId" TEXT NOT NULL,
    "leadDepartmentId" TEXT,
    "reworkCount" INTEGER NOT NULL DEFAULT 0,
    "extensionDays" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "stageDeadline" DATETIME,
    "handleDeadline" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suspendedAt" DATETIME,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "dispatchedAt" DATETIME NOT NULL,
    "dispatchedById" TEXT NOT NULL,
    "dispatchUnitCode" TEXT NOT NULL,
    "claimDeadline" DATETIME NOT NULL,
    "returnDeadline" DATETIME NOT NULL,
    "handleDeadline" DATETIME NOT NULL,
    "claimedAt" DATETIME,
    "claimedById" TEXT,
    "returnReason" TEXT,
    "returnRequestedAt" DATETIME,
    "extensionDays" INTEGER,
    "fedBackAt" DATETIME,
    "closedAt" DATETIME,
    CONSTRAINT "Task_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Task_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorUnitCode" TEXT,
    "actorDepartmentId" TEXT,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "fromLevel" TEXT,
    "toLevel" TEXT NOT NULL,
    "fromUnitCode" TEXT,
    "toUnitCode" TEXT NOT NULL,
    "reason" TEXT,
    "payload" TEXT,
    "gridCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "fileName" TEXT,
    "uploaderId" TEXT NOT NULL,
    "caseId" TEXT,
    "eventSeq" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "key")
);

-- CreateTable
CREATE TABLE "CaseCodeCounter" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL
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
