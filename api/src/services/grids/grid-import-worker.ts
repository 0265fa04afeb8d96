import { parentPort, workerData } from 'node:worker_threads';
import { jsonNestsDeeperThan } from '@wangge/shared/geo/json-depth';
import type { BBox, Ring } from '@wangge/shared/geo/polygon';
import {
  capProblems,
  findOverlapsBetween,
  type GridProblem,
  overBudgetProblem,
  type ValidatedGridCell,
  validateGridCollection,
} from '@wangge/shared/geo/validate-grid-collection';
import type { ImportWorkerInput, ImportWorkerReply, StayingCell } from './grid-import-protocol';
import { toGridRow } from './grid-row';

/**
 * Worker thread of a grid import (see run-grid-import.ts): parses the raw body, validates
 * it, then checks the new cells against the cells that stay, so none of this CPU-heavy work
 * runs on the API's event loop. Phase 1 answers `validated`; phase 2 starts when the main
 * thread sends the staying cells near the file and answers `checked` with rows to store.
 */
const input = workerData as ImportWorkerInput;
const port = parentPort;
if (!port) throw new Error('grid-import-worker must run as a worker thread');
const reply = (message: ImportWorkerReply) => port.postMessage(message);

function refuse(problems: GridProblem[]) {
  reply({ kind: 'refused', problems });
}

function parse(): unknown {
  const bytes = input.body;
  if (jsonNestsDeeperThan(bytes, input.maxDepth)) {
    refuse([
      {
        index: -1,
        path: '(body)',
        message: `JSON nests deeper than ${input.maxDepth} levels; a grid file needs fewer than 10`,
      },
    ]);
    return undefined;
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM from Windows editors
    return JSON.parse(text);
  } catch (error) {
    refuse([
      { index: -1, path: '(body)', message: `malformed JSON: ${(error as Error).message.slice(0, 200)}` },
    ]);
    return undefined;
  }
}

let cells: ValidatedGridCell[] = [];

function validate() {
  const parsed = parse();
  if (parsed === undefined) return;
  const result = validateGridCollection(parsed, {
    bounds: input.bounds,
    villageCodes: new Set(input.villageCodes),
    ...input.limits,
  });
  if (!result.ok) return refuse(result.problems);
  cells = result.cells;
  let bbox: BBox | null = null;
  for (const { bbox: b } of cells) {
    bbox = bbox
      ? [Math.min(bbox[0], b[0]), Math.min(bbox[1], b[1]), Math.max(bbox[2], b[2]), Math.max(bbox[3], b[3])]
      : [...b];
  }
  reply({
    kind: 'validated',
    count: cells.length,
    villages: [...new Set(cells.map((c) => c.villageCode))],
    bbox,
  });
}

/** Phase 2: new cells must not overlap the cells of villages the file leaves alone. */
function checkStaying(staying: StayingCell[]) {
  const others = staying.map((g) => ({
    code: g.code,
    ring: (JSON.parse(g.geometry) as { coordinates: Ring[] }).coordinates[0] ?? [],
  }));
  const max = input.limits.maxProblems;
  const perCell = input.limits.maxPairTestsPerCell;
  const search = findOverlapsBetween(cells, others, { maxPairs: max, maxTests: perCell * cells.length });
  if (search.overBudget) return refuse([overBudgetProblem(cells.length, perCell)]);
  if (search.pairs.length > 0) {
    const problems = search.pairs.map(({ a, b }) => ({
      index: a,
      code: cells[a]?.code,
      path: `features[${a}]`,
      message: `overlaps existing cell ${others[b]?.code}`,
    }));
    return refuse(capProblems(problems, max, 0, search.cut));
  }
  const epoch = new Date(0);
  reply({
    kind: 'checked',
    rows: cells.map((c) => {
      const { updatedAt: _, ...row } = toGridRow(c, false, epoch);
      return row;
    }),
  });
}

port.on('message', (message: { kind: 'staying'; cells: StayingCell[] }) => {
  checkStaying(message.cells);
});
validate();
