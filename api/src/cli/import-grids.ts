import { readFileSync } from 'node:fs';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { closeContext, createContext } from '../create-context';
import { AppError } from '../http/app-error';
import { importGrids, withGridImportLock } from '../services/grids/import-grids';

/**
 * pnpm grids:import <file.geojson> — replaces the cells of every village named in the file
 * with real boundaries (see docs/api.md). Uses DATABASE_URL / DATA_DIR like the server, and
 * the same worker-thread checks and limits as POST /api/admin/grids/import (except the size
 * limit: the file is local). Prints the problems, never a stack trace; exit code 1 on refusal.
 */
async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: pnpm grids:import <cells.geojson>');
    process.exit(2);
  }
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    process.exit(1);
  }
  const ctx = await createContext(loadConfig(), systemClock);
  try {
    const { imported, villages } = await withGridImportLock(ctx, () => importGrids(ctx, body));
    console.log(`imported ${imported} cells for ${villages} villages from ${file}`);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      for (const d of error.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    } else {
      console.error(`import failed: ${(error as Error)?.message ?? String(error)}`);
    }
    process.exitCode = 1;
  } finally {
    await closeContext(ctx);
  }
}

void main();
