-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RegisterAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT,
    "fields" TEXT NOT NULL,
    "purpose" TEXT NOT NULL
);
INSERT INTO "new_RegisterAccess" ("action", "at", "fields", "id", "personId", "purpose", "role", "userId", "username") SELECT "action", "at", "fields", "id", "personId", "purpose", "role", "userId", "username" FROM "RegisterAccess";
DROP TABLE "RegisterAccess";
ALTER TABLE "new_RegisterAccess" RENAME TO "RegisterAccess";
CREATE INDEX "RegisterAccess_at_id_idx" ON "RegisterAccess"("at", "id");
CREATE INDEX "RegisterAccess_personId_idx" ON "RegisterAccess"("personId");
CREATE INDEX "RegisterAccess_userId_at_idx" ON "RegisterAccess"("userId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
