/**
 * The raw baseline: the same cells drawn straight onto one Canvas2D with `fill()` per polygon,
 * Web-Mercator-projected at the map's zoom, no Leaflet. Panning redraws every cell each frame at
 * the new offset (what drawing it yourself naively costs); restyling refills one polygon.
 */
import { cellStyle } from '../../client/src/map/cell-style';
import type { GridFeature } from '../../client/src/map/grid-layer';

const TILE = 256;

function project(lon: number, lat: number, zoom: number): [number, number] {
  const scale = TILE * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

export class RawCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private paths: Float64Array[] = [];
  private fills: string[] = [];
  /** Case points in pixels, x y pairs; overdue flags. */
  private dots = new Float64Array(0);
  private late: boolean[] = [];
  private origin: [number, number] = [0, 0];
  offset: [number, number] = [0, 0];

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
  }

  /** Projects every cell once (to pixels at `zoom`, centred on `center`). */
  setCells(cells: readonly GridFeature[], center: [number, number], zoom: number): void {
    const [cx, cy] = project(center[0], center[1], zoom);
    this.origin = [cx - this.canvas.width / 2, cy - this.canvas.height / 2];
    this.paths = cells.map((f) => {
      const ring =
        f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!;
      const out = new Float64Array(ring.length * 2);
      ring.forEach(([lon = 0, lat = 0], i) => {
        const [x, y] = project(lon, lat, zoom);
        out[i * 2] = x - this.origin[0];
        out[i * 2 + 1] = y - this.origin[1];
      });
      return out;
    });
    this.fills = cells.map(() => cellStyle(undefined).fillColor!);
  }

  /** Projects every case point once (drawn as 4 px squares, every one, no clustering). */
  setPoints(
    points: readonly { lon: number; lat: number; isOverdue: boolean }[],
    center: [number, number],
    zoom: number,
  ): void {
    this.dots = new Float64Array(points.length * 2);
    points.forEach((p, i) => {
      const [x, y] = project(p.lon, p.lat, zoom);
      this.dots[i * 2] = x - this.origin[0];
      this.dots[i * 2 + 1] = y - this.origin[1];
    });
    this.late = points.map((p) => p.isOverdue);
    void center;
  }

  private drawDots(late: boolean): void {
    const { ctx } = this;
    const [ox, oy] = this.offset;
    ctx.beginPath();
    for (let i = 0; i < this.late.length; i++)
      if (this.late[i] === late) ctx.rect(this.dots[i * 2]! + ox - 2, this.dots[i * 2 + 1]! + oy - 2, 4, 4);
    ctx.fillStyle = late ? '#b71c1c' : '#1f4e79';
    ctx.fill();
  }

  /** Draws one case point again (a live change). */
  redrawPoint(i: number): void {
    const [ox, oy] = this.offset;
    this.ctx.fillStyle = this.late[i] ? '#b71c1c' : '#1f4e79';
    this.ctx.fillRect(this.dots[i * 2]! + ox - 2, this.dots[i * 2 + 1]! + oy - 2, 4, 4);
  }

  private trace(p: Float64Array): void {
    const [ox, oy] = this.offset;
    this.ctx.beginPath();
    this.ctx.moveTo(p[0]! + ox, p[1]! + oy);
    for (let i = 2; i < p.length; i += 2) this.ctx.lineTo(p[i]! + ox, p[i + 1]! + oy);
    this.ctx.closePath();
  }

  /** Clears and draws every cell (fill and a thin outline, like the map's style). */
  drawAll(): void {
    const { ctx } = this;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = '#9aa7b3';
    for (let i = 0; i < this.paths.length; i++) {
      this.trace(this.paths[i]!);
      ctx.fillStyle = this.fills[i]!;
      ctx.fill();
      ctx.stroke();
    }
    this.drawDots(false);
    this.drawDots(true);
  }

  /** Refills one cell in place (no neighbours to repaint: cells do not overlap). */
  restyle(index: number, fill: string): void {
    this.fills[index] = fill;
    this.trace(this.paths[index]!);
    this.ctx.fillStyle = fill;
    this.ctx.fill();
    this.ctx.stroke();
  }
}
