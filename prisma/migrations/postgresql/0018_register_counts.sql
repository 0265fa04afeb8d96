-- CreateTable
CREATE TABLE "RegisterCount" (
    "gridCode" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "class" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RegisterCount_pkey" PRIMARY KEY ("gridCode","recordType","class")
);
