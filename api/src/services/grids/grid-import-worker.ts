import { parentPort, workerData } from 'node:worker_threads';
import { jsonNestsDeeperThan } from '@wangge/shared/geo/json-depth';
import type { BBox } from '@wangge/shared/geo/polygon';
import {
  type GridProblem,
  type ValidatedGridCell,
  validateGridCollection,
} from '@wangge/shared/geo/validate-grid-collection';
import type { ImportContextMessage, ImportWorkerInput, ImportWorkerReply } from './grid-import-protocol';
import { planGridImport } from './plan-grid-import';

/**
 * Worker thread of a grid import (see run-grid-import.ts): parses the raw body, validates
 * it, then fits the new cells to the cells that stay and plans the writes (plan-grid-import.ts),
 * so none of this CPU-heavy work runs on the API's event loop. Phase 1 answers `validated`;
 * phase 2 starts when the main thread sends the cells around the file and the file's
 * villages' current cells, and answers `planned`.
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
let warnings: GridProblem[] = [];

function validate() {
  const parsed = parse();
  if (parsed === undefined) return;
  const result = validateGridCollection(parsed, {
    bounds: input.bounds,
    villageCodes: new Set(input.villageCodes),
    villageAliases: new Map(input.villageAliases),
    ...input.limits,
  });
  if (!result.ok) return refuse(result.problems);
  cells = result.cells;
  warnings = result.warnings;
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

/** Phase 2: fit the cells to those that stay, make room among synthetic ones, plan the writes. */
function plan(message: ImportContextMessage) {
  const result = planGridImport(cells, warnings, message, input.limits);
  if (!result.ok) return refuse(result.problems);
  reply({ kind: 'planned', ...result.plan });
}

port.on('message', (message: ImportContextMessage) => {
  plan(message);
});
validate();
