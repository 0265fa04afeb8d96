/**
 * The in-browser half of bench/map.ts: renders synthetic cells through the screen's own map
 * module (client/src/map) or through the raw Canvas2D baseline, and times it. Driven over
 * `window.bench` by Playwright; one fresh page per (N, implementation).
 */
import { type CaseMarker, CaseMarkerLayer } from '../../client/src/map/case-markers';
import { cellFillColor } from '../../client/src/map/cell-style';
import { createGridMap } from '../../client/src/map/create-map';
import { type GridFeature, GridLayer } from '../../client/src/map/grid-layer';
import { RawCanvas } from './raw-canvas';
import { generateCells } from './synthetic';

const CENTER: [number, number] = [115.9, 36.415];
const ZOOM = 9.5;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

let cells: GridFeature[] = [];
let grid: GridLayer | null = null;
let markers: CaseMarkerLayer | null = null;
let raw: RawCanvas | null = null;
let stamps: number[] = [];
let isRecording = false;

function record(t: number) {
  if (!isRecording) return;
  stamps.push(t);
  requestAnimationFrame(record);
}

/** `k` open cases spread over the cells (inside each chosen cell's box), 1 in 5 overdue. */
function generatePoints(k: number): CaseMarker[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: k }, (_, j) => {
    const ring = (cells[Math.floor(next() * cells.length)]!.geometry.coordinates[0] as number[][]) ?? [];
    const [a = [0, 0], , c = [0, 0]] = ring;
    const t = 0.25 + next() * 0.5;
    return {
      id: `c${j}`,
      code: `C${j}`,
      state: j % 3 === 0 ? 'DISPATCHED' : 'REGISTERED',
      lon: a[0]! + (c[0]! - a[0]!) * t,
      lat: a[1]! + (c[1]! - a[1]!) * t,
      isOverdue: j % 5 === 0,
      categoryCode: '0201',
      gridCode: '',
    };
  });
}

let points: CaseMarker[] = [];

function randomCodes(k: number): number[] {
  let seed = 42;
  return Array.from({ length: k }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % cells.length;
  });
}

const bench = {
  async setupMap(n: number, k: number) {
    cells = generateCells(n);
    points = generatePoints(k);
    const element = document.getElementById('map')!;
    element.classList.remove('hidden');
    const { map, renderer } = createGridMap(element);
    map.setView([CENTER[1], CENTER[0]], ZOOM, { animate: false });
    grid = new GridLayer(renderer);
    grid.group.addTo(map);
    markers = new CaseMarkerLayer().addTo(map);
    await frame();
    const t0 = performance.now();
    // As the screen does (CommandMapScreen): the cases first, indexed in the cluster worker
    // while the page builds and paints the cells.
    const markersDrawn = markers.setAll(points);
    grid.setCells(cells);
    const built = performance.now();
    await frame(); // Leaflet's redraw was requested first, so it has run by now
    await markersDrawn;
    const drawn = performance.now();
    await frame(); // the frame that shows the cells and the cases' markers
    return {
      buildMs: built - t0,
      drawnMs: drawn - t0,
      paintedMs: performance.now() - t0,
      indexMs: markers.buildMs,
    };
  },

  async setupRaw(n: number, k: number) {
    cells = generateCells(n);
    points = generatePoints(k);
    const canvas = document.getElementById('raw') as HTMLCanvasElement;
    canvas.classList.remove('hidden');
    raw = new RawCanvas(canvas);
    await frame();
    const t0 = performance.now();
    raw.setCells(cells, CENTER, ZOOM);
    raw.setPoints(points, CENTER, ZOOM);
    raw.drawAll();
    const drawn = performance.now();
    await frame();
    await frame();
    // Pan: redraw everything at the pointer's offset once per frame while dragging.
    let start: [number, number] | null = null;
    let pending = false;
    canvas.addEventListener('pointerdown', (e) => {
      start = [e.clientX - raw!.offset[0], e.clientY - raw!.offset[1]];
    });
    canvas.addEventListener('pointerup', () => {
      start = null;
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!start) return;
      raw!.offset = [e.clientX - start[0], e.clientY - start[1]];
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        raw!.drawAll();
      });
    });
    return { buildMs: drawn - t0, drawnMs: drawn - t0, paintedMs: performance.now() - t0 };
  },

  startFrames() {
    stamps = [];
    isRecording = true;
    requestAnimationFrame(record);
  },

  stopFrames(): number[] {
    isRecording = false;
    return stamps.slice(1).map((t, i) => t - stamps[i]!);
  },

  /**
   * A live event as the screen applies it, synchronously to the painted canvas: the event's
   * cell restyled (Leaflet redraws its pixel bounds) and its case updated in place (a state
   * change: no index rebuild, no redraw of the markers; a drawn dot gets its new name).
   */
  restyleMap(k: number): number[] {
    return randomCodes(k).map((i, j) => {
      const code = cells[i]!.properties.code;
      const p = points[(i * 7919) % points.length]!;
      const t0 = performance.now();
      grid!.restyle(code, { open: 1 + (j % 4), overdue: j % 3 === 0 ? 1 : 0 });
      markers!.upsert({ ...p, state: j % 2 ? 'CLAIMED' : 'DISPATCHED' });
      grid!.flush();
      return performance.now() - t0;
    });
  },

  restyleRaw(k: number): number[] {
    return randomCodes(k).map((i, j) => {
      const t0 = performance.now();
      raw!.restyle(i, cellFillColor({ open: 1 + (j % 4), overdue: j % 3 === 0 ? 1 : 0 }));
      raw!.redrawPoint((i * 7919) % points.length);
      return performance.now() - t0;
    });
  },

  /** Loading `k` cases into the clustered layer (supercluster index) and drawing the view. */
  async pointsMap(k: number) {
    const many = generatePoints(k);
    await frame();
    const t0 = performance.now();
    await markers!.setAll(many); // built in the worker, then the view drawn
    const loaded = performance.now();
    const d0 = performance.now();
    await markers!.draw();
    const drawMs = performance.now() - d0;
    await frame();
    return { loadMs: loaded - t0, indexMs: markers!.buildMs, drawMs, paintedMs: performance.now() - t0 };
  },

  styleOf: (code: string) => grid?.styleOf(code) ?? null,
  firstCode: () => cells[0]!.properties.code,
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
