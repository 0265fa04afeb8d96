import type { PathOptions } from 'leaflet';

/** Open and overdue case counts of one grid cell. */
export interface CellCounts {
  open: number;
  overdue: number;
}

/** Fill of a cell with no open case: light, so the coloured cells stand out. */
export const EMPTY_FILL = '#f3f5f7';
/** Amber shades for 1, 2, 3–4 and 5+ open cases. */
export const OPEN_FILLS = ['#ffe9a8', '#ffd166', '#f9a825', '#e07b00'] as const;
/** Any overdue case turns the cell red. */
export const OVERDUE_FILL = '#c62828';

/** The fill colour the live map gives a cell with these counts. */
export function cellFillColor(counts: CellCounts | undefined): string {
  if (!counts || counts.open <= 0) return EMPTY_FILL;
  if (counts.overdue > 0) return OVERDUE_FILL;
  const shade = counts.open >= 5 ? 3 : counts.open >= 3 ? 2 : counts.open - 1;
  return OPEN_FILLS[shade] ?? OPEN_FILLS[3];
}

/** How the cells are shown: heat colours on or off, over tiles or over the vector map alone. */
export interface HeatLook {
  isHeat: boolean;
  hasTiles: boolean;
}

/**
 * Full path style of a cell: a thin outline, and with the heat layer on the fill of its counts —
 * opaque enough to read at city zoom on the vector map, see-through over tiles (empty cells
 * then clear, so the streets show). Heat off: outlines only.
 */
export function cellStyle(
  counts: CellCounts | undefined,
  look: HeatLook = { isHeat: true, hasTiles: false },
): PathOptions {
  const fillColor = cellFillColor(counts);
  const isEmpty = fillColor === EMPTY_FILL;
  const fillOpacity = !look.isHeat ? 0 : look.hasTiles ? (isEmpty ? 0 : 0.55) : isEmpty ? 0.9 : 0.85;
  return {
    fillColor,
    fillOpacity,
    color: look.hasTiles ? '#607d8b' : '#aab6c1',
    weight: 0.5,
    opacity: 0.7,
  };
}

/** Blue shades of a register layer (综治图层), by a cell's share of the layer's highest count. */
export const REGISTER_FILLS = ['#deebf7', '#9ecae1', '#4292c6', '#08519c'] as const;

/** The fill of a cell with `n` records in a register layer whose highest cell holds `max`. */
export function registerFillColor(n: number, max: number): string {
  if (n <= 0 || max <= 0) return EMPTY_FILL;
  const shade = Math.min(3, Math.ceil((n / max) * 4) - 1);
  return REGISTER_FILLS[Math.max(0, shade)] ?? REGISTER_FILLS[3];
}

/** Path style of a cell on a register layer: the heat look's opacities, blue by count. */
export function registerCellStyle(n: number, max: number, look: HeatLook): PathOptions {
  const fillColor = registerFillColor(n, max);
  const isEmpty = fillColor === EMPTY_FILL;
  return {
    fillColor,
    fillOpacity: look.hasTiles ? (isEmpty ? 0 : 0.55) : isEmpty ? 0.9 : 0.85,
    color: look.hasTiles ? '#607d8b' : '#aab6c1',
    weight: 0.5,
    opacity: 0.7,
  };
}
