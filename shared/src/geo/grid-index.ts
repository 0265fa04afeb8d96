import Flatbush from 'flatbush';
import type { BBox, Position, Ring } from './polygon';
import { type Polygons, pointInPolygons, polygonsBBox } from './shape';

/**
 * One indexed grid cell: its 15-digit code and its area, as polygons with holes (a
 * MultiPolygon's parts) or, for a plain cell, one exterior ring.
 */
export type IndexedCell =
  | { readonly code: string; readonly polygons: Polygons }
  | { readonly code: string; readonly ring: Ring };

/** The cell's polygons, whichever form it was given in. */
export const polygonsOfCell = (cell: IndexedCell): Polygons =>
  'polygons' in cell ? cell.polygons : [[cell.ring]];

/**
 * Static spatial index of grid cells (Flatbush R-tree over cell bounding boxes) answering
 * "which cell contains this point". Immutable once built; rebuild after an import.
 */
export class GridIndex {
  private readonly cells: readonly IndexedCell[];
  private readonly shapes: readonly Polygons[];
  private readonly boxes: readonly BBox[];
  private readonly tree: Flatbush | undefined;

  /** Builds the index; cells are addressed by their position in `cells`. */
  constructor(cells: readonly IndexedCell[]) {
    this.cells = cells;
    this.shapes = cells.map(polygonsOfCell);
    this.boxes = this.shapes.map(polygonsBBox);
    if (cells.length === 0) {
      this.tree = undefined; // Flatbush rejects zero items
      return;
    }
    const tree = new Flatbush(cells.length);
    for (const [minX, minY, maxX, maxY] of this.boxes) tree.add(minX, minY, maxX, maxY);
    tree.finish();
    this.tree = tree;
  }

  /** Number of indexed cells. */
  get size(): number {
    return this.cells.length;
  }

  /** Returns the cell at `index` (as passed to the constructor), or undefined. */
  getCell(index: number): IndexedCell | undefined {
    return this.cells[index];
  }

  /** Returns the bounding box of the cell at `index`, or undefined. */
  getBBox(index: number): BBox | undefined {
    return this.boxes[index];
  }

  /** Returns the indices of cells whose bounding box intersects `bbox` (touching included), ascending. */
  searchBBox(bbox: BBox): number[] {
    if (this.tree === undefined) return [];
    return this.tree.search(bbox[0], bbox[1], bbox[2], bbox[3]).sort((a, b) => a - b);
  }

  /** Returns the polygons of the cell at `index`, or undefined. */
  getPolygons(index: number): Polygons | undefined {
    return this.shapes[index];
  }

  /**
   * Returns the index of the cell containing the point, or undefined: inside one of its
   * polygons and in none of their holes (a point in a hole is in the enclave filling it, if
   * any). Points on an edge shared by two cells resolve to exactly one of them (see
   * pointInRing); if cells overlap, the lowest index wins. Only the candidates whose bounding
   * box holds the point get the point-in-polygon test.
   */
  locateIndex(lon: number, lat: number): number | undefined {
    if (this.tree === undefined) return undefined;
    const point: Position = [lon, lat];
    let found: number | undefined;
    for (const i of this.tree.search(lon, lat, lon, lat)) {
      if ((found === undefined || i < found) && pointInPolygons(point, this.shapes[i] ?? [])) found = i;
    }
    return found;
  }

  /** Returns the code of the cell containing the point, or undefined when none does. */
  locate(lon: number, lat: number): string | undefined {
    const i = this.locateIndex(lon, lat);
    return i === undefined ? undefined : this.cells[i]?.code;
  }
}
