import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { closeContext, createContext } from '../create-context';
import { AppError } from '../http/app-error';
import { type GridImportReport, importGrids, withGridImportLock } from '../services/grids/import-grids';

const USAGE = 'usage: pnpm grids:import [--dry-run] <cells.geojson>';

/** Exit codes: 0 imported (or the dry run passed), 1 refused or failed, 2 wrong usage. */
const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** Prints the report: counts, synthetic neighbours trimmed or removed, warnings. */
function printReport(file: string, r: GridImportReport) {
  const verb = r.dryRun ? 'dry run: would import' : 'imported';
  console.log(`${verb} ${r.imported} cells for ${r.villages} villages from ${file}`);
  console.log(
    `  cells: ${r.cells.added} added, ${r.cells.replaced} replaced, ${r.cells.unchanged} unchanged, ${r.cells.removed} removed`,
  );
  const list = (codes: string[]) =>
    codes.length > 20 ? `${codes.slice(0, 20).join(' ')} …` : codes.join(' ');
  if (r.synthetic.trimmed.length > 0)
    console.log(`  synthetic cells trimmed: ${r.synthetic.trimmed.length} (${list(r.synthetic.trimmed)})`);
  if (r.synthetic.removed.length > 0)
    console.log(`  synthetic cells removed: ${r.synthetic.removed.length} (${list(r.synthetic.removed)})`);
  if (r.warningCount > 0) {
    console.log(`  warnings: ${r.warningCount}`);
    for (const w of r.warnings) console.log(`    ${w.path}: ${w.message}`);
    if (r.warningCount > r.warnings.length)
      console.log(`    …and ${r.warningCount - r.warnings.length} more`);
  }
  if (r.dryRun) console.log('  nothing was written (--dry-run)');
}

/**
 * pnpm grids:import [--dry-run] <file.geojson> — replaces the cells of every village named in
 * the file with real boundaries (docs/grids.md). Uses DATABASE_URL / DATA_DIR like the server,
 * and the same worker-thread checks and limits as POST /api/admin/grids/import (except the
 * size limit: the file is local). Prints the report, or the problems, never a stack trace.
 */
async function main() {
  let args: { file: string; dryRun: boolean };
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1)
      throw new Error(positionals.length ? 'one file at a time' : 'no file given');
    args = { file: positionals[0] as string, dryRun: values['dry-run'] === true };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = EXIT.usage;
    return;
  }
  let body: Buffer;
  try {
    body = readFileSync(args.file);
  } catch (error) {
    console.error(`cannot read ${args.file}: ${(error as Error).message}`);
    process.exitCode = EXIT.refused;
    return;
  }
  const ctx = await createContext(loadConfig(), systemClock);
  try {
    const report = await withGridImportLock(ctx, () => importGrids(ctx, body, { dryRun: args.dryRun }));
    printReport(args.file, report);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      for (const d of error.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    } else {
      console.error(`import failed: ${(error as Error)?.message ?? String(error)}`);
    }
    process.exitCode = EXIT.refused;
  } finally {
    await closeContext(ctx);
  }
}

void main();
