import { readFileSync } from 'node:fs';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { createContext } from '../create-context';
import { AppError } from '../http/app-error';
import { importGrids } from '../services/grids/import-grids';

/**
 * pnpm grids:import <file.geojson> — replaces the cells of every village named in the file
 * with real boundaries (see docs/api.md). Uses DATABASE_URL / DATA_DIR like the server.
 */
async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: pnpm grids:import <cells.geojson>');
    process.exit(2);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${file} as JSON: ${(error as Error).message}`);
    process.exit(1);
  }
  const ctx = await createContext(loadConfig(), systemClock);
  try {
    const { imported, villages } = await importGrids(ctx, input);
    console.log(`imported ${imported} cells for ${villages} villages from ${file}`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    for (const d of error.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    process.exitCode = 1;
  } finally {
    await ctx.db.close();
  }
}

void main();
