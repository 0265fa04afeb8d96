import Flatbush from 'flatbush';
import { type BBox, type Position, pointInRing, type Ring, ringBBox } from './polygon';

/** One indexed grid cell: its 15-digit code and exterior ring. */
export type IndexedCell = { readonly code: string; readonly ring: Ring };

/**
 * Static spatial index of grid cells (Flatbush R-tree over cell bounding boxes) answering
 * "which cell contains this point". Immutable once built; rebuild after an import.
 */
export class GridIndex {
  private readonly cells: readonly IndexedCell[];
  private readonly boxes: readonly BBox[];
  private readonly tree: Flatbush | undefined;

  /** Builds the index; cells are addressed by their position in `cells`. */
  constructor(cells: readonly IndexedCell[]) {
    this.cells = cells;
    this.boxes = cells.map((c) => ringBBox(c.ring));
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

  /**
   * Returns the index of the cell containing the point, or undefined. Points on an edge shared
   * by two cells resolve to exactly one of them (see {@link pointInRing}); if cells overlap,
   * the lowest index wins.
   */
  locateIndex(lon: number, lat: number): number | undefined {
    if (this.tree === undefined) return undefined;
    const point: Position = [lon, lat];
    let found: number | undefined;
    for (const i of this.tree.search(lon, lat, lon, lat)) {
      if ((found === undefined || i < found) && pointInRing(point, this.cells[i]?.ring ?? [])) found = i;
    }
    return found;
  }

  /** Returns the code of the cell containing the point, or undefined when none does. */
  locate(lon: number, lat: number): string | undefined {
    const i = this.locateIndex(lon, lat);
    return i === undefined ? undefined : this.cells[i]?.code;
  }
}
