-- CreateTable
CREATE TABLE "RegisterCount" (
    "gridCode" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "class" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("gridCode", "recordType", "class")
);
